// Token report for Claude answers: builds the real request for each eval question (retrieval over the news
// and corpus, k = 8) and counts its input tokens, to show what the cached system prefix saves.
//
// Counting: with ANTHROPIC_API_KEY set, the API's own count (messages.countTokens); otherwise an approximation,
// characters / 4 over every text the request carries (system, titles, sources, passages, question).
// English prose runs at about 4 characters a token on Claude's tokenizer, so treat offline figures as ±15%.
//
// Run: node --import tsx bench/claude-tokens.ts [--k 8]
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { answerSystemText } from '../src/core/answer/claude/prompts.js';
import { buildAnswerRequest, DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../src/core/answer/claude/request.js';
import { HybridRetriever } from '../src/core/retrieve.js';
import { loadPrompts } from '../src/prompts.js';
import { buildFixtureIndex } from '../test/support/fixture-index.js';
import { REPO_ROOT } from '../test/support/paths.js';

/** Prompt caching prices relative to plain input tokens (Anthropic pricing: 5-minute writes 1.25x, reads 0.1x). */
const CACHE_WRITE = 1.25;
const CACHE_READ = 0.1;
/** Smallest prefix Sonnet caches (1,024 tokens for Sonnet 4.x; a shorter prefix is silently not cached). */
const MIN_CACHEABLE = 1024;

const FALLBACK_QUESTIONS = [
  'What is the maximum fine Ofcom can impose under the Online Safety Act?',
  'Can Ofcom block X in the UK?',
  'What did the US State Department say about a ban on X?',
  'What is Ofcom assessing about Grok?',
  'What did Elon Musk call the UK government?',
];

const k = Number(process.argv[process.argv.indexOf('--k') + 1]) || 8;
const questions = await evalQuestions();
const prompts = await loadPrompts();
const model = process.env.REMIT_MODEL ?? DEFAULT_MODEL;
const client = process.env.ANTHROPIC_API_KEY ? new Anthropic() : undefined;
const fixture = await buildFixtureIndex({ corpus: true });
try {
  const retriever = new HybridRetriever({ embedder: fixture.runtime.embedder, store: fixture.runtime.store });
  const prefix = await countTokens({ model, max_tokens: 1, system: answerSystemText(prompts.answer), messages: [{ role: 'user', content: '.' }] }, true);
  const rows: { id: string; hits: number; input: number }[] = [];
  for (const { id, question } of questions) {
    const hits = await retriever.retrieve(question, { k });
    const { params } = buildAnswerRequest({ question, history: [], hits, prompt: prompts.answer, model, maxTokens: DEFAULT_MAX_TOKENS });
    rows.push({ id, hits: hits.length, input: await countTokens(params) });
  }
  report(rows, prefix);
} finally {
  await fixture.cleanup();
}

async function countTokens(params: MessageCreateParamsBase, systemOnly = false): Promise<number> {
  if (client) {
    const { input_tokens } = await client.messages.countTokens({ model: params.model, system: params.system, messages: params.messages });
    return systemOnly ? input_tokens - 1 : input_tokens;
  }
  const texts: string[] = [];
  const collect = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key === 'text' || key === 'title' || key === 'source' || key === 'content' || key === 'system') texts.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => collect(v, key));
    else if (value && typeof value === 'object') for (const [k2, v] of Object.entries(value)) collect(v, k2);
  };
  collect(systemOnly ? { system: params.system } : { system: params.system, messages: params.messages });
  return Math.ceil(texts.join('').length / 4);
}

function report(rows: { id: string; hits: number; input: number }[], prefix: number): void {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(`Claude request tokens, model ${model}, k=${k}, ${client ? 'counted by the API' : 'approximated as characters/4'}\n`);
  console.log(`${'question'.padEnd(34)}${pad('hits', 6)}${pad('input', 8)}${pad('prefix', 8)}${pad('share', 7)}`);
  for (const row of rows) {
    console.log(`${row.id.slice(0, 33).padEnd(34)}${pad(row.hits, 6)}${pad(row.input, 8)}${pad(prefix, 8)}${pad(`${Math.round((100 * prefix) / row.input)}%`, 7)}`);
  }
  const n = rows.length;
  const total = rows.reduce((sum, r) => sum + r.input, 0);
  // All questions asked within the cache lifetime: the first writes the prefix, the others read it.
  const cached = total - n * prefix + CACHE_WRITE * prefix + (n - 1) * CACHE_READ * prefix;
  console.log(`\n${n} requests: ${total} input tokens, mean ${Math.round(total / n)}; output capped at max_tokens=${DEFAULT_MAX_TOKENS}`);
  console.log(`cached system prefix: ${prefix} tokens = ${Math.round((100 * prefix * n) / total)}% of all input`);
  console.log(`with prompt caching (one write, ${n - 1} reads): ${Math.round(cached)} input-token equivalents, saving ${Math.round((100 * (total - cached)) / total)}%`);
  if (prefix < MIN_CACHEABLE) {
    console.log(`note: the prefix is below the ${MIN_CACHEABLE}-token minimum Sonnet caches, so the API will not cache it and the saving is 0 until the prefix grows`);
  }
}

async function evalQuestions(): Promise<{ id: string; question: string }[]> {
  const dir = join(REPO_ROOT, 'evals');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.jsonl')).sort();
  const lines = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).flatMap((text) => text.split('\n').filter((l) => l.trim()));
  const parsed = lines.map((line) => JSON.parse(line) as { id?: string; question?: string }).filter((q): q is { id: string; question: string } => typeof q.question === 'string');
  return parsed.length ? parsed.map((q, i) => ({ id: q.id ?? `q${i + 1}`, question: q.question })) : FALLBACK_QUESTIONS.map((question, i) => ({ id: `q${i + 1}`, question }));
}
