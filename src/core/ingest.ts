// Incremental ingest: skip unchanged documents by hash, replace changed ones, optionally prune, commit atomically.
import { chunkDocument, type ChunkOptions, DEFAULT_CHUNK_OPTIONS } from './chunk.js';
import { groupNearDuplicates, minHashSignature, type SignedChunk } from './dedup.js';
import type { Embedder } from './embed/embedder.js';
import { createError } from './errors.js';
import type { Document, IndexInfo } from './schema.js';
import type { ChunkRecord, IndexStore } from './store/index-store.js';

export interface IngestOptions {
  /** Drop stored documents whose origin is not among the documents given. */
  prune?: boolean;
  /** Drop everything first (also allows switching embedder). */
  rebuild?: boolean;
  chunking?: ChunkOptions;
  /** Texts per embedder call: large enough to amortise overhead, small enough to report progress. */
  batchSize?: number;
  onProgress?: (progress: { phase: 'embed'; done: number; total: number }) => void;
}

/** Vectors and MinHash signatures of passage texts, in order. */
export interface EncodedPassages {
  vectors: Float32Array[];
  signatures: Uint32Array[];
}

/** Encodes batches of passages; the Node edge spreads them over worker threads. */
export interface PassageEncoder {
  encode(texts: readonly string[]): Promise<EncodedPassages>;
  /** Batches worth handing over at once (1 for an encoder that works on one at a time). */
  concurrency: number;
}

/** The in-process encoder: the embedder, then a signature per passage. */
export function inProcessEncoder(embedder: Embedder): PassageEncoder {
  return {
    encode: async (texts) => ({ vectors: await embedder.embed(texts, 'passage'), signatures: texts.map(minHashSignature) }),
    concurrency: 1,
  };
}

export interface IngestDeps {
  store: IndexStore;
  embedder: Embedder;
  /** Picks how to encode this many passages (threads pay off only for many); in-process with `embedder` by default. */
  passageEncoder?: (passages: number) => PassageEncoder;
}

export interface IngestReport {
  added: { id: string; origin: string }[];
  replaced: { id: string; origin: string }[];
  unchanged: { id: string; origin: string }[];
  removed: { id: string; origin: string }[];
  /** Documents not ingested, with the reason (unsupported file, duplicate of another origin...). */
  skipped: { origin: string; reason: string }[];
  chunks: number;
  index: IndexInfo | null;
}

export async function ingestDocuments(
  documents: readonly Document[],
  deps: IngestDeps,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const { store, embedder } = deps;
  const info = await store.info();
  if (info && info.embedder !== embedder.id && !options.rebuild) {
    throw createError({
      code: 'embedder_mismatch',
      message: `The index was built with embedder "${info.embedder}", not "${embedder.id}"`,
      hint: 'Re-run with --rebuild to re-embed everything with the current embedder.',
    });
  }
  const stored = options.rebuild ? new Map<string, { id: string; hash: string }>() : await store.origins();
  const storedIds = new Map([...stored].map(([origin, { id }]) => [id, origin]));
  const report: IngestReport = { added: [], replaced: [], unchanged: [], removed: [], skipped: [], chunks: 0, index: info };
  const toAdd: Document[] = [];
  const remove = new Set<string>(options.rebuild ? [...(await store.origins()).values()].map((d) => d.id) : []);
  const seenIds = new Map<string, string>();

  for (const doc of documents) {
    const previous = stored.get(doc.origin);
    const sameTextElsewhere = seenIds.get(doc.id) ?? (storedIds.get(doc.id) !== doc.origin ? storedIds.get(doc.id) : undefined);
    if (previous?.hash === doc.hash) {
      report.unchanged.push({ id: doc.id, origin: doc.origin });
    } else if (sameTextElsewhere !== undefined && !remove.has(doc.id)) {
      report.skipped.push({ origin: doc.origin, reason: `same text as ${sameTextElsewhere}` });
      continue;
    } else {
      if (previous) {
        remove.add(previous.id);
        report.replaced.push({ id: doc.id, origin: doc.origin });
      } else {
        report.added.push({ id: doc.id, origin: doc.origin });
      }
      toAdd.push(doc);
    }
    seenIds.set(doc.id, doc.origin);
  }
  if (options.prune) {
    const given = new Set(documents.map((d) => d.origin));
    for (const [origin, { id }] of stored) {
      if (!given.has(origin)) {
        remove.add(id);
        report.removed.push({ id, origin });
      }
    }
  }
  if (toAdd.length === 0 && remove.size === 0) return report;

  const add = await encodeDocuments(toAdd, deps.passageEncoder ?? (() => inProcessEncoder(embedder)), options);
  const existing: SignedChunk[] = (await store.signatures()).filter((s) => !remove.has(s.docId));
  const { groupOf, regrouped } = groupNearDuplicates(
    existing,
    add.flatMap(({ chunks }) => chunks.map((c) => ({ chunkId: c.id, docId: c.docId, signature: c.signature }))),
  );
  for (const { chunks } of add) for (const chunk of chunks) chunk.dupGroup = groupOf.get(chunk.id)!;
  report.chunks = add.reduce((n, { chunks }) => n + chunks.length, 0);
  report.index = await store.commit({
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    add,
    remove: [...remove],
    regroup: regrouped,
  });
  return report;
}

async function encodeDocuments(documents: readonly Document[], encoderFor: (passages: number) => PassageEncoder, options: IngestOptions) {
  const chunked = documents.map((document) => ({ document, chunks: chunkDocument(document, options.chunking ?? DEFAULT_CHUNK_OPTIONS) }));
  const all = chunked.flatMap(({ chunks }) => chunks);
  const encoder = encoderFor(all.length);
  const batchSize = options.batchSize ?? 256;
  const texts = Array.from({ length: Math.ceil(all.length / batchSize) }, (_, b) => all.slice(b * batchSize, (b + 1) * batchSize).map((c) => c.text));
  let done = 0;
  const batches = await mapConcurrently(texts, encoder.concurrency, async (batch) => {
    const encoded = await encoder.encode(batch);
    if (encoded.vectors.length !== batch.length || encoded.signatures.length !== batch.length) {
      throw createError({ code: 'internal', message: `The passage encoder returned ${encoded.vectors.length} vectors for ${batch.length} passages` });
    }
    options.onProgress?.({ phase: 'embed', done: (done += batch.length), total: all.length });
    return encoded;
  });
  const vectors = batches.flatMap((batch) => batch.vectors);
  const signatures = batches.flatMap((batch) => batch.signatures);
  let next = 0;
  return chunked.map(({ document, chunks }) => ({
    document,
    chunks: chunks.map((chunk): ChunkRecord => {
      const i = next++;
      return { ...chunk, vector: vectors[i]!, signature: signatures[i]!, dupGroup: chunk.id };
    }),
  }));
}

/** `run` over `items` with at most `limit` calls in flight; results keep the order of `items`. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
