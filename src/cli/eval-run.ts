// The `remit eval` run: datasets in, report.json, report.html and a terminal table out (registered in eval.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createClaudeClient } from '../core/answer/claude/client.js';
import { createError } from '../core/errors.js';
import { compareReports } from '../eval/compare.js';
import { checkThresholds, parseThresholds } from '../eval/gate.js';
import { ClaudeJudge } from '../eval/judge/claude.js';
import type { SupportJudge } from '../eval/judge/judge.js';
import { OverlapJudge } from '../eval/judge/overlap.js';
import { openDatasetIndexes } from '../eval/dataset-indexes.js';
import { listDatasets, loadDatasets } from '../eval/load-dataset.js';
import { renderHtmlReport, renderJsonReport, renderTerminalReport } from '../eval/report.js';
import { EvalReport } from '../eval/report-schema.js';
import { runEval } from '../eval/run.js';
import { powersReportLine } from '../eval/powers-report.js';
import { readJsonFile } from '../adapter/node/read-json-file.js';
import type { EmbedderKind } from '../adapter/node/transformers/select.js';
import { type CliContext, withRuntime } from './context.js';
import { DEFAULT_EVALS_DIR, DEFAULT_OUT_DIR, DEFAULT_THRESHOLDS } from '../eval/defaults.js';
import type { EvalCommandOptions, EvalFlags } from './eval.js';

export async function runEvalCommand(ctx: CliContext, flags: EvalFlags, options: EvalCommandOptions): Promise<void> {
  const { io } = ctx;
  const at = (path: string) => resolve(io.cwd, path);
  const paths = flags.dataset?.length ? flags.dataset.map(at) : await listDatasets(at(DEFAULT_EVALS_DIR));
  const cases = await loadDatasets(paths);
  const baseline = flags.baseline ? await readJson(at(flags.baseline), 'baseline report', (json) => EvalReport.parse(json)) : undefined;
  const thresholds = flags.gate ? await readJson(at(flags.thresholds ?? DEFAULT_THRESHOLDS), 'thresholds', (json) => parseThresholds(json)) : undefined;
  const judge = chooseJudge(flags, io.env.ANTHROPIC_API_KEY, options);

  const own = await openDatasetIndexes(paths, { embedder: flags.embedder ?? (io.env.REMIT_EMBEDDER as EmbedderKind | undefined), warn: (line) => io.err(`${line}\n`) });
  const report = await withRuntime(
    ctx,
    flags,
    (runtime) =>
      runEval({
        ask: runtime.ask,
        getDocument: (id) => runtime.store.getDocument(id),
        indexes: own.indexes,
        cases,
        judge,
        k: flags.k,
        mode: flags.mode,
        onCase: io.isTTY ? (r, done, total) => io.err(`\r${done}/${total} ${r.pass ? '✓' : '✗'} ${r.dataset}/${r.id}`.padEnd(70)) : undefined,
      }),
    flags.mode ? { mode: flags.mode } : undefined,
  ).finally(() => own.close());
  if (io.isTTY) io.err('\r'.padEnd(72) + '\r');

  const comparison = baseline ? compareReports(report, baseline) : undefined;
  const breaches = thresholds ? checkThresholds(report, thresholds) : undefined;
  const outDir = at(flags.out ?? DEFAULT_OUT_DIR);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'report.json'), renderJsonReport(report));
  await writeFile(join(outDir, 'report.html'), renderHtmlReport(report, { comparison, baseline, breaches }));

  io.out(flags.json ? renderJsonReport(report) : renderTerminalReport(report, { comparison, breaches }));
  io.err(`Wrote ${relative(io.cwd, join(outDir, 'report.json')) || 'report.json'} and report.html\n`);
  io.err(await withRuntime(ctx, flags, ({ store }) => powersReportLine(store, { expectedPath: at('evals/powers/expected.jsonl') })));
  if (breaches?.length) {
    throw createError({
      code: 'gate_failed',
      message: `${breaches.length} metric(s) outside evals thresholds: ${breaches.map((b) => b.label).join(', ')}`,
      hint: 'Open report.html to see which cases fail and why.',
      details: breaches,
    });
  }
}

function chooseJudge(flags: EvalFlags, apiKey: string | undefined, options: EvalCommandOptions): SupportJudge {
  const choice = flags.judge ?? 'auto';
  if (choice === 'offline' || (choice === 'auto' && !apiKey)) return new OverlapJudge();
  if (!apiKey) {
    throw createError({ code: 'bad_input', message: 'The Claude judge needs ANTHROPIC_API_KEY', hint: 'Set the key or use --judge offline.' });
  }
  const client = options.anthropic?.(apiKey) ?? createClaudeClient({ apiKey });
  return new ClaudeJudge({ client, model: flags.judgeModel });
}

async function readJson<T>(path: string, what: string, parse: (json: unknown) => T): Promise<T> {
  const value = await readJsonFile(path, { parse, what: `a valid ${what}`, code: 'bad_input', hint: `Pass a ${what} file this version of remit wrote.` });
  if (value === null) throw createError({ code: 'not_found', message: `Cannot read the ${what} at ${path}` });
  return value;
}
