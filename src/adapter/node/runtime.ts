// Node wiring: the real store, embedder and answerers, built once from config and shared by CLI, HTTP and evals.
import { resolve } from 'node:path';
import type { ClaudeDeps, Retriever } from '../../core/remit.js';
import { createRemit } from '../../core/remit.js';
import type { Ask } from '../../core/ask.js';
import type { Embedder } from '../../core/embed/embedder.js';
import { type IngestOptions, type IngestReport, ingestDocuments, type PassageEncoder, type PowerFactsExtractor, rulesFacts } from '../../core/ingest/ingest.js';
import type { AnswerMode, Document, IndexInfo } from '../../core/schema.js';
import type { IndexStore } from '../../core/store/index-store.js';
import { createEmbedder, type EmbedderKind, embedderFromId } from './transformers/select.js';
import { withReadCache } from '../../core/store/cached-store.js';
import { DEFAULT_READING_CACHE_BYTES, readingBudget } from '../../core/reading-budget.js';
import { openLanceStore } from './lancedb/lancedb.js';
import type { FetchUrlOptions } from './fetch-url.js';
import { threadedEncoding } from './threaded-encoder.js';
import type { Lexicon } from '../../core/language/lexicon.js';
import type { PowersCatalog } from '../../core/powers/catalog.js';
import type { PowersTable } from '../../core/powers/schema.js';
import { powersCatalog } from './powers/powers-file.js';
import { WordNetLexicon } from './wordnet/wordnet-lexicon.js';

export interface RuntimeOptions {
  /** Index folder. */
  db: string;
  /** Embedder for a new index; an existing index always reopens with the embedder that built it. */
  embedder?: EmbedderKind;
  modelDir?: string;
  /** Fetch the model from the hub (or `hubUrl`) when it is not in `modelDir` and the hub answers. */
  allowRemoteModels?: boolean;
  hubUrl?: string;
  /** Default answer mode; Claude when a key is given, else extractive. */
  mode?: AnswerMode;
  /** Claude answers (and follow-up rewrites) when an API key is given. */
  anthropic?: { apiKey?: string; baseURL?: string; model?: string; timeoutMs?: number; maxRetries?: number; strict?: boolean };
  /** Answers kept in memory for repeated questions (default 500; 0 turns the cache off). */
  answerCache?: number;
  /** Bytes of read chunks and documents kept across questions (reading-budget.ts; 64 MB by default). */
  readingCache?: number;
  /** Ignore the embedder recorded in the index (an ingest with --rebuild replaces it). */
  rebuild?: boolean;
  /**
   * How a commit gets the approximate vector index: built after it by this runtime ('background', the default), or
   * left to another runtime on the folder ('deferred': the upload thread's, whose server builds it).
   */
  vectorIndexBuild?: 'background' | 'deferred';
  warn?: (line: string) => void;
}

export interface Runtime {
  /** The index folder. */
  db: string;
  store: IndexStore;
  embedder: Embedder;
  ask: Ask;
  /** The powers table of this index, read once per build. */
  powers: PowersCatalog;
  /** WordNet, as the offline answerer reads it. */
  lexicon: Lexicon;
  /** The hybrid search under `ask`, for callers that want passages rather than an answer (the MCP search tool). */
  retriever: Retriever;
  /** How an ingest encodes its passages: worker threads for large hashing ingests, else in-process. */
  passageEncoder(passages: number): PassageEncoder;
  info: IndexInfo | null;
  /** Each ingested document's power facts, stored with it: the rules', and Claude's too when a key is set. */
  powerFacts: PowerFactsExtractor;
  /** Moves to the index another process has committed (a `remit ingest` while serving); true when it moved. */
  refreshIndex(): Promise<boolean>;
  /** Starts building, in the background, a vector index the committed index lacks (a build stopped after its commit). */
  buildMissingIndex(): Promise<void>;
  /** Loads the index's caches now, so the first question after an open or a commit does not wait for them. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Chunks, documents and duplicate groups are read for nearly every question: the read cache keeps them.
  // The approximate vector index is built after a commit, not within it: new rows are searchable (exactly, or through
  // the previous index) as soon as they are committed, and the health check says while a build runs.
  const lance = await openLanceStore({ dir: resolve(options.db), rebuild: options.rebuild, vectorIndex: { build: options.vectorIndexBuild ?? 'background' }, warn });
  const budget = options.readingCache ?? DEFAULT_READING_CACHE_BYTES;
  const shares = readingBudget(budget);
  const store = withReadCache(lance, { maxDocumentBytes: shares.documents, maxChunkBytes: shares.chunks });
  try {
    const info = await store.info();
    const models = { modelDir: options.modelDir, allowRemote: options.allowRemoteModels, hubUrl: options.hubUrl };
    const embedder = info && !options.rebuild
      ? await embedderFromId(info.embedder, { ...models, warn })
      : await createEmbedder({ kind: options.embedder ?? 'auto', ...models, warn });
    const claude = options.anthropic?.apiKey ? await claudeDeps({ ...options.anthropic, apiKey: options.anthropic.apiKey }) : undefined;
    const lexicon = new WordNetLexicon();
    const powers = tableOncePerBuild(powersCatalog(store, { list: () => store.listDocuments(), get: (id) => store.getDocument(id) }), store);
    const remit = createRemit({ store, embedder, claude, mode: options.mode, answerCacheEntries: options.answerCache, readingCacheBytes: budget, lexicon, powers });
    const db = resolve(options.db);
    const apiKey = options.anthropic?.apiKey;
    const powerFacts = apiKey ? await (await import('./powers/claude.js')).claudePowerFacts({ ...options.anthropic, apiKey }) : rulesFacts;
    const encoding = threadedEncoding(embedder, { warn });
    const close = async () => {
      await encoding.close();
      await store.close();
      lexicon.close();
    };
    const refreshIndex = () => lance.refresh();
    const warm = async () => {
      await Promise.all([store.warm?.(), remit.warm()]);
    };
    const buildMissingIndex = () => lance.buildMissingVectorIndex();
    return { db, store, embedder, ask: remit.ask, retriever: remit.retriever, powers, lexicon, passageEncoder: (passages) => encoding.encoderFor(passages), info, powerFacts, refreshIndex, buildMissingIndex, warm, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The powers table read once per index build: the answerer reads it for every powers question. */
function tableOncePerBuild(catalog: PowersCatalog, store: Pick<IndexStore, 'info'>): PowersCatalog {
  let cached: { builtAt: string | undefined; table: Promise<PowersTable> } | undefined;
  return {
    async table() {
      const builtAt = (await store.info())?.builtAt;
      if (!cached || cached.builtAt !== builtAt) {
        const table = catalog.table();
        // A failed read is tried again by the next question, not remembered.
        table.catch(() => cached?.table === table && (cached = undefined));
        cached = { builtAt, table };
      }
      return cached.table;
    },
  };
}

/** The Claude client and prompts; loaded only when a key is set, since the SDK and prompt files cost start-up time. */
async function claudeDeps(options: NonNullable<RuntimeOptions['anthropic']> & { apiKey: string }): Promise<ClaudeDeps> {
  const [{ createClaudeClient }, { loadPrompts }] = await Promise.all([import('../../core/answer/claude/client.js'), import('./prompts.js')]);
  return { client: createClaudeClient(options), prompts: await loadPrompts(), model: options.model, strict: options.strict };
}

/** What an ingest needs of a runtime. */
export type IngestRuntime = Pick<Runtime, 'store' | 'embedder'> & Partial<Pick<Runtime, 'passageEncoder' | 'powerFacts'>>;

/** Loads files and folders, then ingests them incrementally into the runtime's index. */
export async function ingestPaths(
  runtime: IngestRuntime,
  paths: readonly string[],
  options: IngestOptions & { urls?: FetchUrlOptions } = {},
): Promise<IngestReport> {
  // HTML parsing libraries load only when something is ingested.
  const { loadPaths } = await import('./read-paths.js');
  const { documents, skipped, warnings } = await loadPaths([...paths], { fetch: options.urls });
  const report = await ingestIntoIndex(runtime, documents, options);
  report.skipped.unshift(...skipped);
  report.warnings.unshift(...warnings);
  return report;
}

/** Ingests documents with the runtime's store, embedder, encoder and power-facts extractor (the table commits with the index). */
export function ingestIntoIndex(runtime: IngestRuntime, documents: readonly Document[], options: IngestOptions = {}): Promise<IngestReport> {
  return ingestDocuments(documents, runtime, options);
}
