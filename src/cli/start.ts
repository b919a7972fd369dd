// `remit start` (what `npm start` runs): bring the default corpus into the index when missing or stale, then serve.
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { PACKAGE_ROOT } from '../adapter/node/package-root.js';
import type { CliContext } from './context.js';
import { renderIngestReport } from './render.js';
import { registerServeCommand } from './serve.js';

export const DEFAULT_CORPUS_DIR = resolve(PACKAGE_ROOT, 'corpus');

export function registerStartCommand(program: Command, ctx: CliContext): void {
  const start = new (program.constructor as typeof import('commander').Command)('start-group');
  registerServeCommand(start, {
    ctx,
    // Incremental: unchanged documents are skipped by hash, so a fresh index costs nothing on the next start.
    prepare: async (runtime) => {
      const corpus = relative(ctx.io.cwd, resolve(DEFAULT_CORPUS_DIR)) || DEFAULT_CORPUS_DIR;
      const { ingestPaths } = await import('../adapter/node/runtime.js');
      const report = await ingestPaths(runtime, [corpus]);
      if (report.added.length + report.replaced.length > 0 || report.skipped.length > 0) ctx.io.out(renderIngestReport(report));
    },
  });
  const command = start.commands[0]!;
  command.name('start').description('Ingest the default corpus when the index is missing or stale, then serve the chat page and API');
  program.addCommand(command);
}
