// A real, tiny Remit for HTTP tests: two invented documents, a word-overlap retriever and a quoting answerer.
import type { Answerer, DraftEvent } from '../../src/core/answer/answerer.js';
import { type Ask, createAsk } from '../../src/core/ask.js';
import type { Document, Hit } from '../../src/core/schema.js';
import { type AppDeps, DEFAULT_SERVER_CONFIG, type HealthStatus, type ServerConfig, type SourceCatalog } from '../../src/http/deps.js';
import { createMemoryFeedbackStore } from '../../src/http/feedback-store.js';
import { createJsonLogger } from '../../src/http/logger.js';

const doc = (id: string, title: string, text: string): Document => ({
  id,
  title,
  origin: `test/${id}.txt`,
  hash: id.padEnd(64, '0'),
  sources: [],
  text,
});

export const SMALL_DOCUMENTS: Document[] = [
  doc('doc_harbour', 'Harbour board powers', 'The Harbour Board can fine a ship owner up to 5,000 crowns. It may also close a berth for a week.'),
  doc('doc_lantern', 'Lantern office rules', 'The Lantern Office licenses lighthouse keepers. A keeper without a licence may be removed.'),
];

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{3,}/g) ?? []);

/** Whole documents as single chunks, ranked by shared words; documents sharing no word are not returned. */
function retrieve(query: string, k: number): Hit[] {
  const asked = words(query);
  return SMALL_DOCUMENTS.map((document) => ({ document, overlap: [...words(document.text)].filter((w) => asked.has(w)).length }))
    .filter(({ overlap }) => overlap > 0)
    .sort((a, b) => b.overlap - a.overlap)
    .slice(0, k)
    .map(({ document: { text, ...meta } }, i) => ({
      chunk: { id: `${meta.id}#0`, docId: meta.id, index: 0, start: 0, end: text.length, text },
      document: meta,
      score: 1 / (i + 1),
      alsoIn: [],
    }));
}

/** The small world's search, for callers that want passages rather than an answer. */
export const smallRetriever = { retrieve: async (query: string, { k }: { k: number }): Promise<Hit[]> => retrieve(query, k) };

export interface SmallAskOptions {
  /** Wait this long between emitted events, so tests can disconnect or shut down mid-answer. */
  delayMs?: number;
  /** Called when the answer's AbortSignal fires. */
  onAbort?: () => void;
}

/** Quotes the first sentence of the best hit as the answer, cited [1]; abstains without hits. */
function quotingAnswerer(options: SmallAskOptions): Answerer {
  return {
    mode: 'extractive',
    async answer(input, emit: (event: DraftEvent) => void = () => {}) {
      input.signal?.addEventListener('abort', () => options.onAbort?.(), { once: true });
      const hit = input.hits[0];
      if (!hit) {
        emit({ type: 'text', delta: "The sources don't say." });
        return { answer: "The sources don't say.", abstained: true, citations: [], mode: 'extractive' };
      }
      const end = hit.chunk.text.indexOf('.') + 1;
      const citation = { n: 1, docId: hit.document.id, title: hit.document.title, origin: hit.document.origin, quote: hit.chunk.text.slice(0, end), start: 0, end, alsoIn: [], sources: [] };
      const answer = `${citation.quote} [1]`;
      for (const event of [{ type: 'citation', citation }, { type: 'text', delta: answer }] as DraftEvent[]) {
        await pause(options.delayMs ?? 0, input.signal);
        emit(event);
      }
      return { answer, abstained: false, citations: [citation], mode: 'extractive' };
    },
  };
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export function createSmallAsk(options: SmallAskOptions = {}): Ask {
  return createAsk({
    retriever: smallRetriever,
    answerers: { extractive: quotingAnswerer(options) },
    defaultMode: 'extractive',
    rewriter: { rewrite: async (question) => question },
    getDocument: async (id) => SMALL_DOCUMENTS.find((d) => d.id === id) ?? null,
    newId: () => 'ans_test',
  });
}

export function createSmallSources(status: Partial<HealthStatus> = {}): SourceCatalog {
  return {
    list: async () => SMALL_DOCUMENTS.map(({ text: _text, ...meta }) => meta),
    get: async (id) => SMALL_DOCUMENTS.find((d) => d.id === id) ?? null,
    status: async () => ({ ready: true, documents: 2, chunks: 2, embedder: 'words-v0', builtAt: '2026-01-01T00:00:00.000Z', ...status }),
  };
}

/** AppDeps over the small world; log lines are collected in `logs` for assertions. */
export function createSmallDeps(overrides: Partial<Omit<AppDeps, 'config'>> & { config?: Partial<ServerConfig> } = {}) {
  const logs: Record<string, unknown>[] = [];
  const deps: AppDeps = {
    ask: createSmallAsk(),
    sources: createSmallSources(),
    feedback: createMemoryFeedbackStore(),
    logger: createJsonLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line)) }),
    ...overrides,
    config: { ...DEFAULT_SERVER_CONFIG, ...overrides.config },
  };
  return { deps, logs };
}
