// Token report for Claude answers, answer prompt v1 against v2: builds the real request for each eval question
// (retrieval over the news and corpus, k = 8) with each prompt and counts its input tokens, to show what the
// cached system prefix costs and saves.
//
// Counting: with ANTHROPIC_API_KEY set, the API's own count (messages.countTokens); otherwise an approximation,
// characters / 4 over every text the request carries (estimateInputTokens), which is ±15% for English prose.
//
// Run: node --import tsx bench/claude-tokens.ts [--k 8]
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { AnswerPrompt } from '../src/core/answer/claude/prompts.js';
import { answerSystemText } from '../src/core/answer/claude/prompts.js';
import { buildAnswerRequest, DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../src/core/answer/claude/request.js';
import { estimateInputTokens, minCacheablePrefixTokens } from '../src/core/answer/claude/token-estimate.js';
import { HybridRetriever } from '../src/core/retrieve.js';
import type { Hit } from '../src/core/schema.js';
import { loadPrompts } from '../src/adapter/node/prompts.js';
import { buildFixtureIndex } from '../test/support/fixture-index.js';
import { REPO_ROOT } from '../test/support/paths.js';

/** Prompt caching prices relative to plain input tokens (Anthropic pricing: 5-minute writes 1.25x, reads 0.1x). */
const CACHE_WRITE = 1.25;
const CACHE_READ = 0.1;
const VERSIONS = [1, 2];

const FALLBACK_QUESTIONS = [
  'What is the maximum fine Ofcom can impose under the Online Safety Act?',
  'Can Ofcom block X in the UK?',
  'What did the US State Department say about a ban on X?',
  'What is Ofcom assessing about Grok?',
  'What did Elon Musk call the UK government?',
];

interface VersionReport {
  id: string;
  prefix: number;
  inputs: number[];
}

const k = Number(process.argv[process.argv.indexOf('--k') + 1]) || 8;
const model = process.env.REMIT_MODEL ?? DEFAULT_MODEL;
const minimum = minCacheablePrefixTokens(model);
const client = process.env.ANTHROPIC_API_KEY ? new Anthropic() : undefined;
const questions = await evalQuestions();
const prompts = await Promise.all(VERSIONS.map(async (answerVersion) => (await loadPrompts({ answerVersion })).answer));
const fixture = await buildFixtureIndex({ corpus: true });
try {
  const retriever = new HybridRetriever({ embedder: fixture.runtime.embedder, store: fixture.runtime.store });
  // Retrieved once per question: both prompts see the same hits, so the difference is the prompt alone.
  const retrieved: { id: string; question: string; hits: Hit[] }[] = [];
  for (const { id, question } of questions) retrieved.push({ id, question, hits: await retriever.retrieve(question, { k }) });
  const reports: VersionReport[] = [];
  for (const prompt of prompts) reports.push(await measure(prompt, retrieved));
  printRows(retrieved, reports);
  printComparison(reports);
} finally {
  await fixture.cleanup();
}

async function measure(prompt: AnswerPrompt, retrieved: { question: string; hits: Hit[] }[]): Promise<VersionReport> {
  const prefix = await countTokens({ model, max_tokens: 1, system: answerSystemText(prompt), messages: [{ role: 'user', content: '.' }] }, true);
  const inputs: number[] = [];
  for (const { question, hits } of retrieved) {
    const { params } = buildAnswerRequest({ question, history: [], hits, prompt, model, maxTokens: DEFAULT_MAX_TOKENS });
    inputs.push(await countTokens(params));
  }
  return { id: prompt.id, prefix, inputs };
}

async function countTokens(params: MessageCreateParamsBase, systemOnly = false): Promise<number> {
  if (client) {
    const { input_tokens } = await client.messages.countTokens({ model: params.model, system: params.system, messages: params.messages });
    return systemOnly ? input_tokens - 1 : input_tokens;
  }
  return estimateInputTokens(systemOnly ? { system: params.system, messages: [] } : params);
}

/** Input-token equivalents for all questions asked within the cache lifetime: the first writes the prefix, the others read it. */
function costs({ prefix, inputs }: VersionReport) {
  const n = inputs.length;
  const total = inputs.reduce((sum, input) => sum + input, 0);
  const cacheable = prefix >= minimum;
  const cached = cacheable ? total - n * prefix + CACHE_WRITE * prefix + (n - 1) * CACHE_READ * prefix : total;
  return { n, total, cacheable, cached, share: (prefix * n) / total };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

function pct(x: number): string {
  return `${Math.round(100 * x)}%`;
}

function printRows(retrieved: { id: string; hits: Hit[] }[], reports: VersionReport[]): void {
  console.log(`Claude request tokens, model ${model}, k=${k}, ${client ? 'counted by the API' : 'approximated as characters/4 (±15%)'}\n`);
  console.log(`${'question'.padEnd(34)}${pad('hits', 6)}${reports.map((r) => pad(r.id, 12)).join('')}`);
  retrieved.forEach((row, i) => console.log(`${row.id.slice(0, 33).padEnd(34)}${pad(row.hits.length, 6)}${reports.map((r) => pad(r.inputs[i]!, 12)).join('')}`));
}

function printComparison(reports: VersionReport[]): void {
  const c = reports.map(costs);
  const baseline = c[0]!.cached;
  const n = c[0]!.n;
  const line = (label: string, values: (string | number)[]) => console.log(`${label.padEnd(48)}${values.map((v) => pad(v, 14)).join('')}`);
  console.log(`\nBefore/after over ${n} requests asked within the cache lifetime (one cache write, ${n - 1} reads; writes ${CACHE_WRITE}x, reads ${CACHE_READ}x):\n`);
  line('', reports.map((r) => r.id));
  line('system prefix tokens', reports.map((r) => r.prefix));
  line(`cached by the API (prefix >= ${minimum})`, c.map((x) => (x.cacheable ? 'yes' : 'no')));
  line('mean input tokens per request', c.map((x) => Math.round(x.total / x.n)));
  line('prefix share of all input', c.map((x) => pct(x.share)));
  line('input tokens, no caching', c.map((x) => x.total));
  line('input-token equivalents with caching', c.map((x) => Math.round(x.cached)));
  line('saving from caching', c.map((x) => pct((x.total - x.cached) / x.total)));
  line(`billed input vs ${reports[0]!.id}`, c.map((x) => pct(x.cached / baseline)));
  for (const report of reports) {
    if (report.prefix < minimum) console.log(`\nnote: ${report.id}'s prefix is below the ${minimum}-token minimum ${model} caches: the API silently skips the cache, so caching saves nothing.`);
  }
}

async function evalQuestions(): Promise<{ id: string; question: string }[]> {
  const dir = join(REPO_ROOT, 'evals');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.jsonl')).sort();
  const lines = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).flatMap((text) => text.split('\n').filter((l) => l.trim()));
  const parsed = lines.map((line) => JSON.parse(line) as { id?: string; question?: string }).filter((q): q is { id: string; question: string } => typeof q.question === 'string');
  return parsed.length ? parsed.map((q, i) => ({ id: q.id ?? `q${i + 1}`, question: q.question })) : FALLBACK_QUESTIONS.map((question, i) => ({ id: `q${i + 1}`, question }));
}
