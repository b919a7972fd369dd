// `remit eval`: runs the eval datasets through the same ask pipeline as HTTP, prints a table, writes report.json and report.html.
// The run itself (eval-run.ts) loads only when the command runs, so `remit --help` does not load the eval modules.
import type Anthropic from '@anthropic-ai/sdk';
import { type Command, Option } from 'commander';
import type { AnswerMode } from '../core/schema.js';
import { DEFAULT_JUDGE_MODEL, DEFAULT_K, DEFAULT_OUT_DIR, DEFAULT_THRESHOLDS } from '../eval/defaults.js';
import { passageCount } from './options.js';
import type { CliContext, CommonFlags } from './context.js';

export type JudgeChoice = 'auto' | 'offline' | 'claude';

export interface EvalFlags extends CommonFlags {
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
    .action(async (flags: EvalFlags) => (await import('./eval-run.js')).runEvalCommand(ctx, flags, options));
}
