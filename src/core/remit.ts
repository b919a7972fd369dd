// createRemit: the one place the ask pipeline is wired, for every runtime. Node and Workers pass in their store,
// embedder and (with a key) a Claude client; the extractive answerer is always there, as the offline default and
// the fallback when Claude fails.
import type Anthropic from '@anthropic-ai/sdk';
import type { Answerer, QueryRewriter } from './answer/answerer.js';
import type { ClaudePrompts } from './answer/claude/prompts.js';
import { ExtractiveAnswerer } from './answer/extractive.js';
import { ReadingCache } from './answer/extractive/reading-cache.js';
import { createQuerySpeller } from './answer/query-speller.js';
import { OfflineQueryRewriter } from './answer/rewrite.js';
import { answerCacheFor, DEFAULT_ANSWER_CACHE_ENTRIES } from './answer-cache.js';
import { type Ask, createAsk } from './ask.js';
import type { Embedder } from './embed/embedder.js';
import type { Lexicon } from './language/lexicon.js';
import type { PowersCatalog } from './powers/catalog.js';
import { HybridRetriever, type RetrieveOptions } from './retrieve.js';
import type { AnswerMode, Hit } from './schema.js';
import { SharedLoad } from './shared-load.js';
import type { IndexStore } from './store/index-store.js';

export interface ClaudeDeps {
  client: Pick<Anthropic, 'messages'>;
  prompts: ClaudePrompts;
  model?: string;
  /** Remove sentences that carry no verified citation. */
  strict?: boolean;
}

export interface RemitDeps {
  store: IndexStore;
  /** The embedder, or how to choose it when that needs the index (Workers read the index's embedder on first use). */
  embedder: Embedder | (() => Promise<Embedder>);
  /** Claude answers and follow-up rewrites; absent means offline answers only. */
  claude?: ClaudeDeps;
  /** Default answer mode; Claude when it is given, else extractive. */
  mode?: AnswerMode;
  /** Answers kept in memory for repeated questions (default 500; 0 turns the cache off). */
  answerCacheEntries?: number;
  /** What the offline answerer knows of English words (WordNet on Node); absent, words match by their stems. */
  lexicon?: Lexicon;
  /** The powers table, which the offline answerer reads for questions about what a regulator can do. */
  powers?: PowersCatalog;
  /**
   * Bytes of readings the offline answerer keeps (its share of this total: reading-budget.ts); by default it shares
   * the process's cache. A store read cache in front of `store` takes its own share (withReadCache).
   */
  readingCacheBytes?: number;
}

export interface Retriever {
  retrieve(query: string, options: RetrieveOptions): Promise<Hit[]>;
}

export interface Remit {
  ask: Ask;
  retriever: Retriever;
  /** Loads what the first answer would otherwise wait for (the language model); for servers, at start. */
  warm(): Promise<void>;
}

export function createRemit(deps: RemitDeps): Remit {
  const { store, claude } = deps;
  const readings = deps.readingCacheBytes === undefined ? undefined : ReadingCache.withTotal(deps.readingCacheBytes);
  const extractive = new ExtractiveAnswerer({ lexicon: deps.lexicon, powers: deps.powers, readings });
  const offlineRewriter = new OfflineQueryRewriter();
  const withClaude = claude && claudeAnswering(claude, extractive, offlineRewriter);
  const rewriter = withClaude?.rewriter ?? offlineRewriter;
  const claudeAnswerer = withClaude?.answerer;
  const retriever = retrieverFor(store, deps.embedder);
  const ask = createAsk({
    retriever,
    answerers: { extractive, claude: claudeAnswerer },
    defaultMode: deps.mode ?? (claudeAnswerer ? 'claude' : 'extractive'),
    rewriter,
    speller: deps.lexicon && createQuerySpeller(deps.lexicon, (id) => store.getDocument(id)),
    getDocument: (id) => store.getDocument(id),
    cache: answerCacheFor(deps.answerCacheEntries ?? DEFAULT_ANSWER_CACHE_ENTRIES, store),
  });
  return { ask, retriever, warm: () => extractive.warm() };
}

/**
 * Claude's answerer and rewriter, their modules loaded on first use: they load the Anthropic SDK (~0.25 s), which
 * an offline process never needs and a CLI call should not wait for before its first question.
 */
function claudeAnswering(claude: ClaudeDeps, fallback: Answerer, offlineRewriter: QueryRewriter): { answerer: Answerer; rewriter: QueryRewriter } {
  const modules = new SharedLoad<{ answerer: Answerer; rewriter: QueryRewriter }>();
  const load = () =>
    modules.get(async () => {
      const { createClaudeAnswerer, ClaudeQueryRewriter } = await import('./answer/claude/index.js');
      return {
        answerer: createClaudeAnswerer({ client: claude.client, model: claude.model, prompts: claude.prompts, strict: claude.strict, fallback }),
        rewriter: new ClaudeQueryRewriter({ client: claude.client, model: claude.model, prompt: claude.prompts.rewrite, fallback: offlineRewriter }),
      };
    });
  return {
    answerer: { mode: 'claude', answer: async (input, emit) => (await load()).answerer.answer(input, emit) },
    rewriter: { rewrite: async (question, history, signal) => (await load()).rewriter.rewrite(question, history, signal) },
  };
}

function retrieverFor(store: IndexStore, embedder: RemitDeps['embedder']): Retriever {
  if (typeof embedder !== 'function') return new HybridRetriever({ embedder, store });
  const retriever = new SharedLoad<HybridRetriever>();
  const open = async () => new HybridRetriever({ embedder: await embedder(), store });
  return { retrieve: async (query, options) => (await retriever.get(open)).retrieve(query, options) };
}
