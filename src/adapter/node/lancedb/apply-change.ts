// One commit's table writes: roll back crash leftovers, delete, re-add regrouped chunks, add, refresh the text index.
// Nothing here is visible to readers until the caller writes state.json with the versions this returns.
import { type Connection, Index, type Table } from '@lancedb/lancedb';
import { createError } from '../../../core/errors.js';
import type { Document } from '../../../core/schema.js';
import type { ChunkRecord, DocumentEntry, IndexChange } from '../../../core/store/index-store.js';
import { ingestedVia } from '../../../core/ingest/ingest.js';
import { DocumentPowers, powersTableOf, rulesPowers, type StoredPowers } from '../../../core/powers/document-powers.js';
import type { PowersTable } from '../../../core/powers/schema.js';
import type { StoreState } from './state-file.js';
import { chunksToArrow, documentsToArrow } from './record-batches.js';
import { sqlInBatches } from './sql.js';
import {
  CHUNKS_TABLE,
  chunksSchema,
  DOCUMENTS_TABLE,
  documentsSchema,
  LATER_DOCUMENT_COLUMNS,
  rowToChunkRecord,
  rowToDocument,
  TEXT_INDEX,
} from './tables.js';

export interface StoreTables {
  documents: Table;
  chunks: Table;
}

export interface ApplyOptions {
  change: IndexChange;
  /** What state.json names now; null when nothing is committed (or it is being ignored for a rebuild). */
  committed: StoreState | null;
  /** Replace both tables instead of changing them. */
  fresh: boolean;
  /** No state.json yet: no reader can have used any version of these tables, so the older ones can go at once. */
  firstCommit?: boolean;
  schemaVersion: number;
}

/** English stemming and stop words: "fines" finds "fine", and "the"/"of" do not swamp BM25. */
export const TEXT_INDEX_CONFIG = () =>
  Index.fts({ baseTokenizer: 'simple', language: 'English', lowercase: true, stem: true, removeStopWords: true, asciiFolding: true, withPosition: false });

export interface AppliedChange {
  /** The state to commit (written by the caller once its indices are built). */
  state: StoreState;
  recreated: boolean;
  /** The powers table of the new table versions, merged from every document's stored facts. */
  powers: PowersTable;
}

export async function applyChange(db: Connection, options: ApplyOptions): Promise<AppliedChange> {
  const { change, committed } = options;
  const dimensions = change.embedder.dimensions;

  let tables: StoreTables | null = null;
  try {
    if (!options.fresh && committed) {
      tables = await openAtCommitted(db, committed);
      if (committed.info.embedder !== change.embedder.id || committed.info.dimensions !== dimensions) {
        await assertAllRemoved(tables, committed, change);
        closeTables(tables);
        tables = null;
      }
    }
    const recreated = tables === null;
    if (!tables) tables = await createTables(db, dimensions);
    else await ensureDocumentColumns(tables.documents);
    if (recreated && change.rewrite?.length) {
      throw createError({ code: 'internal', message: 'A commit that recreates the tables cannot rewrite stored documents' });
    }

    // New tables are empty: nothing to delete or regroup.
    const regrouped = recreated ? [] : await dropReplaced(tables, change);
    await addRows(tables, change, regrouped);
    // Documents stored before their facts were (an older index) get the rules' facts, in this commit.
    await fillMissingPowers(tables.documents);

    // Compact (rows are written in slices, one fragment each) and fold new rows into the text index. Date(0) prunes
    // nothing: the committed version must survive until state.json moves on (pruning waits for pruneOldVersions).
    // Before the first commit nothing is committed, and the versions this commit wrote its slices in would otherwise
    // keep a second copy of the rows on disk until a later commit prunes them: they go once compacted.
    const cleanupOlderThan = options.firstCommit ? new Date() : new Date(0);
    await tables.documents.optimize({ cleanupOlderThan });
    await tables.chunks.optimize({ cleanupOlderThan });
    // A new table's text index is built after the compaction, over its final rows, rather than remapped by it.
    if (recreated) await tables.chunks.createIndex('text', { config: TEXT_INDEX_CONFIG(), name: TEXT_INDEX, replace: true });

    const info = {
      embedder: change.embedder.id,
      dimensions,
      documents: await tables.documents.countRows(),
      chunks: await tables.chunks.countRows(),
      builtAt: new Date().toISOString(),
      schemaVersion: options.schemaVersion,
    };
    const versions = { documents: await tables.documents.version(), chunks: await tables.chunks.version() };
    const powers = powersTableOf(await readStoredPowers(tables.documents), info.builtAt);
    return { state: { schemaVersion: options.schemaVersion as StoreState['schemaVersion'], info, versions }, recreated, powers };
  } finally {
    if (tables) closeTables(tables);
  }
}

/** Deletes the rows of removed and replaced documents, and the chunks whose group changes; returns the latter regrouped. */
async function dropReplaced(tables: StoreTables, change: IndexChange): Promise<ChunkRecord[]> {
  const dropDocs = [...change.remove, ...change.documents.map(({ document }) => document.id)];
  const regrouped = await readRegrouped(tables.chunks, change, new Set(dropDocs));
  // A rewritten document keeps its chunks; only its row is replaced.
  const rewritten = (change.rewrite ?? []).map(({ document }) => document.id);
  for (const filter of sqlInBatches('id', [...dropDocs, ...rewritten])) await tables.documents.delete(filter);
  for (const filter of sqlInBatches('docId', dropDocs)) await tables.chunks.delete(filter);
  for (const filter of sqlInBatches('id', regrouped.map((c) => c.id))) await tables.chunks.delete(filter);
  return regrouped;
}

/**
 * Rows per write. Each write costs copies of its rows (our Arrow columns, LanceDB's IPC buffer, its native side), so
 * writing in slices of 8 MB of vectors keeps those copies small whatever the ingest's size (at 100k chunks, 4 MB slices
 * peaked at 0.88 GB and 16 MB slices at 1.1 GB, without the vector index; one write of everything at 2.4 GB). Each
 * write is one fragment; the commit's optimize() compacts them.
 */
export const chunkSliceRows = (dimensions: number): number => Math.max(1024, Math.floor((8 << 20) / (dimensions * 4)));
/** Characters of document text per documents write (~32 MB as UTF-16, the form JavaScript holds most of it in). */
const DOCUMENT_SLICE_CHARS = 16 << 20;

/**
 * Appends the change's documents and chunks, and the regrouped chunks. The chunks are taken batch by batch as the
 * ingest embeds them and written a slice at a time, each write running while the next slice is gathered.
 */
async function addRows(tables: StoreTables, change: IndexChange, regrouped: readonly ChunkRecord[]): Promise<void> {
  const documentsById = new Map(change.documents.map(({ document }) => [document.id, document]));
  // LanceDB writes the documents (with the rewritten rows) on its own threads while this thread takes the chunks.
  const documentsAdded = addDocuments(tables.documents, [...change.documents, ...(change.rewrite ?? [])]);
  documentsAdded.catch(() => {}); // awaited below; a failure must not surface as unhandled meanwhile
  const sliceRows = chunkSliceRows(change.embedder.dimensions);
  let writing: Promise<unknown> = Promise.resolve();
  let slice: ChunkRecord[] = [];
  const write = async (rows: ChunkRecord[]) => {
    const batch = chunksToArrow(rows, change.embedder.dimensions);
    await writing;
    writing = tables.chunks.add(batch);
    writing.catch(() => {});
  };
  try {
    for await (const records of change.chunks) {
      assertValidChunks(records, documentsById, change.embedder.dimensions);
      for (const record of records) slice.push(record);
      if (slice.length >= sliceRows) {
        await write(slice);
        slice = [];
      }
    }
    for (const record of regrouped) slice.push(record);
    if (slice.length > 0) await write(slice);
    await writing;
  } finally {
    // On a failure, let the writes in flight finish before the caller closes the tables.
    await Promise.allSettled([writing, documentsAdded]);
  }
  await documentsAdded;
}

async function addDocuments(table: Table, documents: readonly DocumentEntry[]): Promise<void> {
  let start = 0;
  while (start < documents.length) {
    let end = start;
    for (let chars = 0; end < documents.length && (end === start || chars + documents[end]!.document.text.length <= DOCUMENT_SLICE_CHARS); end++) {
      chars += documents[end]!.document.text.length;
    }
    await table.add(documentsToArrow(documents.slice(start, end)));
    start = end;
  }
}

/** Rolls both tables back to the committed versions (a killed commit's leftovers), so the next write starts there. */
export async function rollBackUncommitted(db: Connection, committed: StoreState): Promise<void> {
  closeTables(await openAtCommitted(db, committed));
}

/** Writer handles at the committed versions; newer versions (a killed commit's leftovers) are rolled back first. */
async function openAtCommitted(db: Connection, committed: StoreState): Promise<StoreTables> {
  const openOne = (name: string) =>
    db.openTable(name).catch((error: unknown) => {
      throw createError({
        code: 'index_corrupt',
        message: `state.json names a ${name} table that cannot be opened`,
        hint: 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder.',
        cause: error,
      });
    });
  const documents = await openOne(DOCUMENTS_TABLE);
  const chunks = await openOne(CHUNKS_TABLE);
  await rollBackTo(documents, committed.versions.documents);
  await rollBackTo(chunks, committed.versions.chunks);
  return { documents, chunks };
}

async function rollBackTo(table: Table, version: number): Promise<void> {
  const latest = await table.version();
  if (latest === version) return;
  if (latest < version) {
    throw createError({
      code: 'index_corrupt',
      message: `The ${table.name} table is at version ${latest}, older than the committed version ${version}`,
      hint: 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder.',
    });
  }
  await table.checkout(version);
  // restore() writes the checked-out version as the newest one and leaves the handle writable again.
  await table.restore();
}

/** Rows at a time when an older index's documents get their facts (their text is read to extract them). */
const FILL_BATCH = 500;

/** Gives every document stored without facts the rules' facts (rewriting its row), a batch at a time. */
async function fillMissingPowers(documents: Table): Promise<void> {
  for (;;) {
    const rows = await documents.query().where('powers IS NULL').limit(FILL_BATCH).toArray();
    if (rows.length === 0) return;
    const entries = rows.map((row) => {
      const document = rowToDocument(row);
      return { document, via: ingestedVia(document.origin, { via: row.via === 'api' || row.via === 'path' ? row.via : undefined }), powers: rulesPowers(document) };
    });
    for (const filter of sqlInBatches('id', entries.map((e) => e.document.id))) await documents.delete(filter);
    await documents.add(documentsToArrow(entries));
  }
}

/** Every document's stored facts, with what a citation names of its document. */
async function readStoredPowers(documents: Table): Promise<StoredPowers[]> {
  const rows = await documents.query().select(['id', 'title', 'origin', 'powers']).toArray();
  return rows.map((row) => {
    const parsed = DocumentPowers.safeParse(parseJson(row.powers));
    if (!parsed.success) {
      throw createError({
        code: 'index_corrupt',
        message: `The stored power facts of document ${String(row.id)} are unreadable`,
        hint: 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder.',
        cause: parsed.error,
      });
    }
    return { document: { id: String(row.id), title: String(row.title), origin: String(row.origin) }, powers: parsed.data };
  });
}

function parseJson(value: unknown): unknown {
  try {
    return JSON.parse(String(value));
  } catch {
    return undefined;
  }
}

/** A documents table from an older layout gets the columns added since (null in its rows), as part of this commit. */
async function ensureDocumentColumns(documents: Table): Promise<void> {
  const present = new Set((await documents.schema()).fields.map((f) => f.name));
  const missing = LATER_DOCUMENT_COLUMNS.filter((name) => !present.has(name));
  if (missing.length > 0) await documents.addColumns(missing.map((name) => ({ name, valueSql: 'CAST(NULL AS STRING)' })));
}

async function createTables(db: Connection, dimensions: number): Promise<StoreTables> {
  const documents = await createTable(db, DOCUMENTS_TABLE, documentsSchema());
  const chunks = await createTable(db, CHUNKS_TABLE, chunksSchema(dimensions));
  return { documents, chunks };
}

async function createTable(db: Connection, name: string, schema: Parameters<Connection['createEmptyTable']>[1]): Promise<Table> {
  try {
    // Overwrite keeps earlier versions on disk, so a crash before state.json moves still serves the old state.
    return await db.createEmptyTable(name, schema, { mode: 'overwrite' });
  } catch (error) {
    // Overwrite reads the old manifest: a table too damaged to open serves nothing, so a rebuild drops it and starts anew.
    // A readable table is never dropped (the failure was something else, such as a full disk).
    const readable = await db.openTable(name).then((table) => (table.close(), true), () => false);
    if (readable) throw error;
    await db.dropTable(name);
    return db.createEmptyTable(name, schema);
  }
}

/**
 * Drops table versions older than `retainMs`, once state.json names the newest ones (LanceDB always keeps the latest).
 * The grace keeps versions that readers in other processes may still have checked out.
 */
export async function pruneOldVersions(db: Connection, retainMs: number): Promise<void> {
  const cutoff = Date.now() - retainMs;
  for (const name of [DOCUMENTS_TABLE, CHUNKS_TABLE]) {
    const table = await db.openTable(name);
    try {
      // optimize() is the only pruning call, and it also re-optimizes indices: on a freshly built multi-graph vector
      // index that is a ~30 s rebuild at 100k rows (measured). So it runs only when some old version can go.
      const versions = await table.listVersions();
      const latest = Math.max(...versions.map((v) => v.version));
      if (!versions.some((v) => v.version !== latest && v.timestamp.getTime() < cutoff)) continue;
      await table.optimize({ cleanupOlderThan: new Date(cutoff) });
    } finally {
      table.close();
    }
  }
}

function closeTables(tables: StoreTables): void {
  tables.documents.close();
  tables.chunks.close();
}

/** Existing chunks whose group changes, with the new group; they are deleted and re-added in the same commit. */
async function readRegrouped(chunks: Table, change: IndexChange, droppedDocs: ReadonlySet<string>): Promise<ChunkRecord[]> {
  const groupOf = new Map(change.regroup.map((r) => [r.chunkId, r.dupGroup]));
  const records: ChunkRecord[] = [];
  for (const filter of sqlInBatches('id', [...groupOf.keys()])) {
    for (const row of await chunks.query().where(filter).toArray()) {
      const record = rowToChunkRecord(row);
      if (!droppedDocs.has(record.docId)) records.push({ ...record, dupGroup: groupOf.get(record.id)! });
    }
  }
  return records;
}

async function assertAllRemoved(tables: StoreTables, committed: StoreState, change: IndexChange): Promise<void> {
  const removed = new Set(change.remove);
  const stored = await tables.documents.query().select(['id']).toArray();
  if (stored.every((row) => removed.has(String(row.id)))) return;
  throw createError({
    code: 'embedder_mismatch',
    message: `The index was built with embedder "${committed.info.embedder}" (${committed.info.dimensions} dimensions), not "${change.embedder.id}" (${change.embedder.dimensions})`,
    hint: 'Re-run with --rebuild to re-embed everything with the current embedder.',
  });
}

/** The store keeps the promise every citation relies on: a chunk's text is exactly its slice of its document. */
function assertValidChunks(chunks: readonly ChunkRecord[], documents: ReadonlyMap<string, Document>, dimensions: number): void {
  for (const chunk of chunks) {
    const document = documents.get(chunk.docId);
    const problem = !document
      ? `belongs to ${chunk.docId}, which is not among the documents added`
      : chunk.vector.length !== dimensions
        ? `has a ${chunk.vector.length}-dimension vector, not ${dimensions}`
        : document.text.slice(chunk.start, chunk.end) !== chunk.text
          ? `text is not the document's text at ${chunk.start}..${chunk.end}`
          : null;
    if (problem) {
      throw createError({ code: 'bad_input', message: `Chunk ${chunk.id} of document ${chunk.docId} ${problem}` });
    }
  }
}
