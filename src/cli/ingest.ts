import { type Command, Option } from 'commander';
import { type CliContext, type CommonFlags, withRuntime } from './context.js';
import { renderIngestReport } from './render.js';
import { createError } from '../core/errors.js';

interface IngestFlags extends CommonFlags {
  prune?: boolean;
  pruneUploads?: boolean;
  rebuild?: boolean;
  json?: boolean;
  allowPrivateUrls?: boolean;
}

export function registerIngestCommand(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('Load files and folders (.txt, .md, .html) into the index; unchanged documents are skipped')
    .argument('<paths...>', 'files and folders, in any mix')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .addOption(new Option('--embedder <kind>', 'embedder for a new index').choices(['auto', 'hashing', 'transformers']))
    .option('--model-dir <dir>', 'local folder holding transformers.js models')
    .option('--prune', 'drop documents whose files are no longer among the paths (a moved or renamed file keeps its place under its new path; uploads through POST /api/ingest stay)')
    .option('--prune-uploads', 'with --prune, also drop documents uploaded through POST /api/ingest')
    .option('--rebuild', 'drop the whole index first (needed to switch embedder)')
    .option('--json', 'print the ingest report as JSON')
    .option('--allow-private-urls', 'let http(s) paths reach loopback and private addresses (default $REMIT_ALLOW_PRIVATE_URLS=1)')
    .action(async (paths: string[], flags: IngestFlags) => {
      const { io } = ctx;
      if (flags.pruneUploads && !flags.prune) {
        throw createError({ code: 'bad_input', message: '--prune-uploads only applies with --prune', hint: 'Add --prune to drop what is no longer among the paths.' });
      }
      await withRuntime(
        ctx,
        flags,
        async (runtime) => {
          const { ingestPaths } = await import('../adapter/node/runtime.js');
          const bar = io.isTTY && !flags.json ? new (await import('cli-progress')).SingleBar({ format: 'embedding |{bar}| {value}/{total} documents', hideCursor: true }) : undefined;
          let started = false;
          const report = await ingestPaths(runtime, paths, {
            prune: flags.prune,
            pruneUploads: flags.pruneUploads,
            rebuild: flags.rebuild,
            urls: { allowPrivate: flags.allowPrivateUrls ?? io.env.REMIT_ALLOW_PRIVATE_URLS === '1' },
            onProgress: ({ done, total }) => {
              if (!bar) return;
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          });
          if (started) bar?.stop();
          io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderIngestReport(report));
          // The passages are committed and searchable; the approximate vector index is built before this command ends
          // (runtime.close() waits for it). Said on a terminal only: scripts read stdout and an empty stderr.
          const building = (await runtime.store.vectorSearch?.())?.building;
          if (building && io.isTTY && !flags.json) {
            const since = performance.now();
            io.err(`Building the vector index over ${building.rows} passages (searches compare every vector until it is done)...\n`);
            await runtime.store.indexed?.();
            // A failed build has said why on stderr; the next ingest tries again.
            if ((await runtime.store.vectorSearch?.())?.mode === 'indexed') io.err(`Vector index built in ${((performance.now() - since) / 1000).toFixed(1)} s.\n`);
          }
        },
        { rebuild: flags.rebuild },
      );
    });
}
