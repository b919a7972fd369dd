// Incremental ingest: skip unchanged documents by hash, replace changed ones, optionally prune, commit atomically.
import { chunkDocument, type ChunkOptions, DEFAULT_CHUNK_OPTIONS } from './chunk.js';
import { groupNearDuplicates, minHashSignature, type SignedChunk } from './dedup.js';
import { passagesInContext } from './passage-context.js';
import type { Embedder } from '../embed/embedder.js';
import { type DocumentPowers, rulesPowers } from '../powers/document-powers.js';
import { createError } from '../errors.js';
import type { Chunk, Document, IndexInfo } from '../schema.js';
import type { ChunkRecord, IndexStore, IngestedVia, StoredOrigin } from '../store/index-store.js';

export interface IngestOptions {
  /**
   * Drop stored documents whose origin is not among the documents given, of those a path-based ingest put there
   * (documents uploaded through POST /api/ingest stay unless `pruneUploads`). A stored document whose text is given
   * under another origin is not dropped but moved: it takes the new origin.
   */
  prune?: boolean;
  /** With `prune`, drop uploaded documents (ingested via `api`) too. */
  pruneUploads?: boolean;
  /** How the documents given come in (recorded with each, so `prune` knows what it may drop); `path` by default. */
  via?: IngestedVia;
  /** Drop everything first (also allows switching embedder). */
  rebuild?: boolean;
  chunking?: ChunkOptions;
  /** Passages per encoder call, rounded up to whole documents: large enough to amortise overhead, small enough to report progress. */
  batchSize?: number;
  /** Documents chunked and encoded so far, of the documents to add. */
  onProgress?: (progress: { phase: 'embed'; done: number; total: number }) => void;
}

/** Vectors and MinHash signatures of passage texts, in order. */
export interface EncodedPassages {
  vectors: Float32Array[];
  signatures: Uint32Array[];
}

/** One half of an encoding: an ingest signs every passage first (to group near-duplicates), then embeds them. */
export type EncodedPart = 'vectors' | 'signatures';

/** Encodes batches of passages; the Node edge spreads them over worker threads. */
export interface PassageEncoder {
  /** Both halves, or only the one asked for (the other may then come back empty). */
  encode(texts: readonly string[], only?: EncodedPart): Promise<EncodedPassages>;
  /** Batches worth handing over at once (1 for an encoder that works on one at a time). */
  concurrency: number;
}

/** The in-process encoder: the embedder, then a signature per passage. */
export function inProcessEncoder(embedder: Embedder): PassageEncoder {
  return {
    encode: async (texts, only) => ({
      vectors: only === 'signatures' ? [] : await embedder.embed(texts, 'passage'),
      signatures: only === 'vectors' ? [] : texts.map(minHashSignature),
    }),
    concurrency: 1,
  };
}

/** A document's power facts to store with it: the rules' by default; with a key, Claude's too (a failure is a warning). */
export type PowerFactsExtractor = (document: Document) => Promise<{ powers: DocumentPowers; warning?: string }>;

export const rulesFacts: PowerFactsExtractor = async (document) => ({ powers: rulesPowers(document) });

export interface IngestDeps {
  store: IndexStore;
  embedder: Embedder;
  /** Extracts each added or moved document's power facts; the rules' by default. */
  powerFacts?: PowerFactsExtractor;
  /** Picks how to encode this many passages (threads pay off only for many); in-process with `embedder` by default. */
  passageEncoder?: (passages: number) => PassageEncoder;
}

/** Something read but left out of a document that was ingested (a URL that is not http(s)). */
export interface IngestWarning {
  origin: string;
  message: string;
}

export interface IngestReport {
  added: { id: string; origin: string }[];
  replaced: { id: string; origin: string }[];
  unchanged: { id: string; origin: string }[];
  /** Stored documents whose text was given under another origin (a moved or renamed file) with `prune`: re-labelled, not re-embedded. */
  moved: { id: string; origin: string; from: string }[];
  removed: { id: string; origin: string }[];
  /** Documents not ingested, with the reason (unsupported file, duplicate of another origin...). */
  skipped: { origin: string; reason: string }[];
  warnings: IngestWarning[];
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
  const stored: Map<string, StoredOrigin> = options.rebuild ? new Map() : await store.origins();
  const storedIds = new Map([...stored].map(([origin, { id }]) => [id, origin]));
  const report: IngestReport = { added: [], replaced: [], unchanged: [], moved: [], removed: [], skipped: [], warnings: [], chunks: 0, index: info };
  const toAdd: Document[] = [];
  const toRewrite: Document[] = [];
  const remove = new Set<string>(options.rebuild ? [...(await store.origins()).values()].map((d) => d.id) : []);
  const seenIds = new Map<string, string>();
  const givenHash = new Map(documents.map((d) => [d.origin, d.hash]));
  /** Stored origins this ingest drops: not given again, and (unless asked) put there by a path-based ingest. */
  const prunable = (origin: string): boolean =>
    Boolean(options.prune) && !givenHash.has(origin) && (options.pruneUploads || ingestedVia(origin, stored.get(origin)!) === 'path');
  /** Whether the text stored under `origin` leaves it: the origin is pruned, or given again with other text. */
  const vacated = (origin: string): boolean => prunable(origin) || (givenHash.has(origin) && givenHash.get(origin) !== stored.get(origin)!.hash);
  // Ids of replaced texts; dropped after the loop unless a later document turns out to have moved there.
  const replacedIds = new Set<string>();

  for (const doc of documents) {
    const previous = stored.get(doc.origin);
    const holder = storedIds.get(doc.id) !== doc.origin ? storedIds.get(doc.id) : undefined;
    if (previous?.hash === doc.hash) {
      report.unchanged.push({ id: doc.id, origin: doc.origin });
    } else if (seenIds.has(doc.id) || (holder !== undefined && !vacated(holder))) {
      report.skipped.push({ origin: doc.origin, reason: `same text as ${seenIds.get(doc.id) ?? holder}` });
      continue;
    } else {
      if (previous) replacedIds.add(previous.id);
      if (holder !== undefined) {
        // The text is stored under an origin it leaves (a moved, renamed or swapped file): its row takes the new
        // origin and metadata, its id, chunks and vectors stay. Deciding this before pruning is what keeps it.
        toRewrite.push(doc);
        report.moved.push({ id: doc.id, origin: doc.origin, from: holder });
      } else {
        toAdd.push(doc);
        (previous ? report.replaced : report.added).push({ id: doc.id, origin: doc.origin });
      }
    }
    seenIds.set(doc.id, doc.origin);
  }
  const moved = new Set(report.moved.map((m) => m.id));
  for (const id of replacedIds) if (!moved.has(id)) remove.add(id);
  for (const [origin, { id }] of stored) {
    if (!prunable(origin) || moved.has(id)) continue;
    remove.add(id);
    report.removed.push({ id, origin });
  }
  // An index from before the powers table was committed with it gets one now, even when nothing else changed.
  const tableMissing = info !== null && !options.rebuild && store.powers !== undefined && (await store.powers()) === null;
  if (toAdd.length === 0 && toRewrite.length === 0 && remove.size === 0 && !tableMissing) return report;

  const powersOf = new Map<string, DocumentPowers>();
  for (const document of [...toAdd, ...toRewrite]) {
    const { powers, warning } = await (deps.powerFacts ?? rulesFacts)(document);
    powersOf.set(document.id, powers);
    if (warning) report.warnings.push({ origin: document.origin, message: warning });
  }

  const chunking = options.chunking ?? DEFAULT_CHUNK_OPTIONS;
  const batchSize = options.batchSize ?? 256;
  const encoder = (deps.passageEncoder ?? (() => inProcessEncoder(embedder)))(estimatedPassages(toAdd, chunking));
  // Two passes, so no more than a few batches of vectors are ever held: the signatures first (grouping needs every
  // one before any chunk's group is known), then the vectors, handed to the store batch by batch as it writes them.
  const signed = await signDocuments(toAdd, encoder, chunking, batchSize);
  const existing: SignedChunk[] = (await store.signatures()).filter((s) => !remove.has(s.docId));
  const { groupOf, regrouped } = groupNearDuplicates(
    existing,
    signed.flatMap(({ chunks, signatures }) => chunks.map((c, i) => ({ chunkId: c.id, docId: c.docId, signature: signatures[i]! }))),
  );
  report.chunks = signed.reduce((n, { chunks }) => n + chunks.length, 0);
  const via = options.via ?? 'path';
  report.index = await store.commit({
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    documents: toAdd.map((document) => ({ document, via, powers: powersOf.get(document.id) })),
    chunks: embedChunks(signed, encoder, groupOf, batchSize, (done) => options.onProgress?.({ phase: 'embed', done, total: toAdd.length })),
    rewrite: toRewrite.map((document) => ({ document, via, powers: powersOf.get(document.id) })),
    remove: [...remove],
    regroup: regrouped,
  });
  return report;
}

/** How a stored document came in; documents stored before that was recorded are told by their origin (api:, upload:). */
export function ingestedVia(origin: string, stored: Pick<StoredOrigin, 'via'>): IngestedVia {
  return stored.via ?? (/^(?:api|upload):/.test(origin) ? 'api' : 'path');
}

interface SignedDocument {
  document: Document;
  chunks: Chunk[];
  signatures: Uint32Array[];
}

/**
 * Chunks and signs the documents. Chunking is lazy: a batch of whole documents is chunked when an encoding lane is
 * free, so the main thread chunks while worker threads sign instead of chunking everything first.
 */
async function signDocuments(documents: readonly Document[], encoder: PassageEncoder, chunking: ChunkOptions, batchSize: number): Promise<SignedDocument[]> {
  const signed = await mapConcurrently(chunkedBatches(documents, chunking, batchSize), encoder.concurrency, async (batch) => {
    const texts = batch.flatMap(({ chunks }) => chunks.map((c) => c.text));
    const { signatures } = await encoder.encode(texts, 'signatures');
    assertEncoded('signatures', signatures.length, texts.length);
    let i = 0;
    return batch.map(({ document, chunks }) => ({ document, chunks, signatures: chunks.map(() => signatures[i++]!) }));
  });
  return signed.flat();
}

/**
 * The chunks as stored, embedded batch by batch as the store asks for them: up to `concurrency` batches are encoded
 * ahead of the one taken, so the encoding lanes keep working while the store writes.
 */
async function* embedChunks(
  signed: readonly SignedDocument[],
  encoder: PassageEncoder,
  groupOf: ReadonlyMap<string, string>,
  batchSize: number,
  onDocumentsDone: (done: number) => void,
): AsyncGenerator<ChunkRecord[]> {
  const batches = wholeDocumentBatches(signed, batchSize)[Symbol.iterator]();
  const ahead: Promise<{ records: ChunkRecord[]; documents: number }>[] = [];
  const encodeNext = (): boolean => {
    const next = batches.next();
    if (next.done) return false;
    const batch = next.value;
    ahead.push(
      (async () => {
        // Vectors are of each chunk read under its title and headings; signatures, of its text alone (copies match).
        const texts = batch.flatMap(({ document, chunks }) => passagesInContext(document, chunks));
        const { vectors } = await encoder.encode(texts, 'vectors');
        assertEncoded('vectors', vectors.length, texts.length);
        let i = 0;
        const records = batch.flatMap(({ chunks, signatures }) =>
          chunks.map((chunk, c): ChunkRecord => ({ ...chunk, vector: vectors[i++]!, signature: signatures[c]!, dupGroup: groupOf.get(chunk.id)! })),
        );
        return { records, documents: batch.length };
      })(),
    );
    return true;
  };
  let done = 0;
  try {
    while (ahead.length < Math.max(1, encoder.concurrency) && encodeNext());
    while (ahead.length > 0) {
      const { records, documents } = await ahead.shift()!;
      encodeNext();
      onDocumentsDone((done += documents));
      yield records;
    }
  } finally {
    // The store stopped early (a failed write) or a batch failed: the batches still encoding are not wanted.
    for (const pending of ahead) pending.catch(() => {});
  }
}

function assertEncoded(part: EncodedPart, got: number, wanted: number): void {
  if (got !== wanted) throw createError({ code: 'internal', message: `The passage encoder returned ${got} ${part} for ${wanted} passages` });
}

/** Whole documents, chunked, grouped until a group holds at least `size` chunks; produced on demand. */
function* chunkedBatches(documents: readonly Document[], chunking: ChunkOptions, size: number) {
  yield* wholeDocumentBatches(
    (function* () {
      for (const document of documents) yield { document, chunks: chunkDocument(document, chunking) };
    })(),
    size,
  );
}

/** Items holding chunks, grouped in order until a group holds at least `size` chunks. */
function* wholeDocumentBatches<T extends { chunks: readonly unknown[] }>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  let passages = 0;
  for (const item of items) {
    batch.push(item);
    passages += item.chunks.length;
    if (passages >= size) {
      yield batch;
      batch = [];
      passages = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** About how many passages the documents make (a chunk repeats up to overlapChars of the one before), to pick an encoder before chunking. */
function estimatedPassages(documents: readonly Pick<Document, 'text'>[], chunking: ChunkOptions): number {
  const stride = Math.max(1, chunking.maxChars - chunking.overlapChars);
  return documents.reduce((n, { text }) => n + Math.max(1, Math.ceil(text.length / stride)), 0);
}

/** `run` over `items` (consumed lazily, one per free lane) with at most `limit` calls in flight; results keep their order. */
async function mapConcurrently<T, R>(items: Iterable<T>, limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  const iterator = items[Symbol.iterator]();
  let next = 0;
  // After a failure the other lanes take no new items: the call has already failed, and the rest would be wasted work.
  let failed = false;
  const lane = async () => {
    while (!failed) {
      const item = iterator.next();
      if (item.done) return;
      const i = next++;
      try {
        results[i] = await run(item.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return results;
}
