// `remit eval`: runs the eval datasets through the same ask pipeline as HTTP, prints a table, writes report.json and report.html.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type Anthropic from '@anthropic-ai/sdk';
import { type Command, Option } from 'commander';
import { createClaudeClient } from '../core/answer/claude/client.js';
import { createError } from '../core/errors.js';
import type { AnswerMode } from '../core/schema.js';
import { compareReports } from '../eval/compare.js';
import { checkThresholds, parseThresholds } from '../eval/gate.js';
import { ClaudeJudge, DEFAULT_JUDGE_MODEL } from '../eval/judge/claude.js';
import type { SupportJudge } from '../eval/judge/judge.js';
import { OverlapJudge } from '../eval/judge/overlap.js';
import { openDatasetIndexes } from '../eval/dataset-indexes.js';
import { listDatasets, loadDatasets } from '../eval/load-dataset.js';
import { renderHtmlReport, renderJsonReport, renderTerminalReport } from '../eval/report.js';
import { EvalReport } from '../eval/report-schema.js';
import { DEFAULT_K, runEval } from '../eval/run.js';
import { powersReportLine } from '../eval/powers-report.js';
import { readJsonFile } from '../adapter/node/read-json-file.js';
import type { EmbedderKind } from '../adapter/node/transformers/select.js';
import { passageCount } from './options.js';
import { type CliContext, type CommonFlags, withRuntime } from './context.js';

export const DEFAULT_EVALS_DIR = 'evals';
export const DEFAULT_OUT_DIR = 'evals/out';
export const DEFAULT_THRESHOLDS = 'evals/thresholds.json';

type JudgeChoice = 'auto' | 'offline' | 'claude';

interface EvalFlags extends CommonFlags {
  dataset?: string[];
  mode?: AnswerMode;
  json?: boolean;
  out?: string;
  baseline?: string;
  k?: number;
  gate?: boolean;
  thresholds?: string;
  judge?: JudgeChoice;
  judgeModel?: string;
}

export interface EvalCommandOptions {
  /** Builds the Anthropic client for the Claude judge (tests point it at a local stand-in). */
  anthropic?: (apiKey: string) => Pick<Anthropic, 'messages'>;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerEvalCommand(program: Command, ctx: CliContext, options: EvalCommandOptions = {}): void {
  program
    .command('eval')
    .description('Measure retrieval, facts, abstention and citation accuracy over the eval datasets')
    .option('--dataset <file>', 'a JSONL dataset (repeatable; default evals/*.jsonl)', collect)
    .addOption(new Option('--mode <mode>', 'who writes the answers').choices(['extractive', 'claude']))
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .option('--k <n>', `passages to retrieve per question (default ${DEFAULT_K})`, passageCount)
    .option('--json', 'print the report as JSON instead of the table')
    .option('--out <dir>', `where to write report.json and report.html (default ${DEFAULT_OUT_DIR})`)
    .option('--baseline <file>', 'an earlier report.json to compare against')
    .option('--gate', 'exit 1 when a metric is outside evals/thresholds.json')
    .option('--thresholds <file>', `thresholds for --gate (default ${DEFAULT_THRESHOLDS})`)
    .addOption(new Option('--judge <judge>', 'who judges citation support: auto is claude when ANTHROPIC_API_KEY is set').choices(['auto', 'offline', 'claude']).default('auto'))
    .option('--judge-model <model>', `model for the Claude judge (default ${DEFAULT_JUDGE_MODEL})`)
    .action(async (flags: EvalFlags) => {
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
    });
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
