// IndexStore over LanceDB: two versioned tables, pinned to the versions that state.json names, so commits are atomic.
import { access, constants, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { type Connection, connect } from '@lancedb/lancedb';
import type { Table as ArrowTable } from 'apache-arrow';
import { createError, isRemitError } from '../../../core/errors.js';
import { makeDirectory } from '../make-dir.js';
import type { Document, DocumentMeta, IndexInfo } from '../../../core/schema.js';
import type { Candidate, GroupMember, IndexChange, IndexStore, IngestedVia, StoredChunk, StoredOrigin, VectorSearchStatus } from '../../../core/store/index-store.js';
import { SharedLoad } from '../../../core/shared-load.js';
import { sharedGroups } from '../../../core/store/shared-groups.js';
import { applyChange, pruneOldVersions, rollBackUncommitted, type StoreTables } from './apply-change.js';
import { acquireCommitLock } from './commit-lock.js';
import { readError, unwritableError, writeError } from './io-errors.js';
import { readState, STATE_FILE, STORE_SCHEMA_VERSION, type StoreState, writeState } from './state-file.js';
import {
  CHUNKS_TABLE,
  DOCUMENT_META_COLUMNS,
  DOCUMENTS_TABLE,
  numbersOf,
  rowToDocument,
  rowToDocumentMeta,
  rowToStoredChunk,
  STORED_CHUNK_COLUMNS,
  TEXT_INDEX,
} from './tables.js';
import { sqlEquals, sqlInBatches } from './sql.js';
import { matchQuery, textToSearch } from './text-query.js';
import { TextInMemory } from './text-in-memory.js';
import { indexCommittedTables } from './commit-indices.js';
import type { PowersTable } from '../../../core/powers/schema.js';
import { powersFileName, pruneOldPowersFiles, readPowersFile, writePowersFile } from '../powers/powers-file.js';
import { ensureLanceThreads } from './lance-threads.js';
import { nearestByCosine, vectorsOf, type VectorsInMemory } from './vectors-in-memory.js';
import { tuneVectorQuery, type VectorIndexEvent, type VectorIndexPolicy, vectorIndexPolicy } from './vector-index.js';

export interface LanceStoreOptions {
  /** Index folder; created on the first write unless read-only. */
  dir: string;
  /** Never write; a missing folder is an error instead of an empty index. */
  readOnly?: boolean;
  /** Ignore what is stored (even when unreadable): the store starts empty and the first commit replaces everything. */
  rebuild?: boolean;
  /** Old table versions are pruned only once older than this, so other processes still reading them keep working. */
  retainVersionsMs?: number;
  /** Approximate vector index policy (see vector-index.ts); defaults are the benchmarked ones. */
  vectorIndex?: Partial<VectorIndexPolicy>;
  /** Told when a commit builds or retrains the vector index, with how long it took. */
  onVectorIndex?: (event: VectorIndexEvent) => void;
  /** Told when a background vector index build fails (the next commit tries again). */
  warn?: (line: string) => void;
}

export const DEFAULT_RETAIN_VERSIONS_MS = 10 * 60 * 1000;

/** A small table is read into memory in the background once this many searches have come since the last commit. */
const IN_MEMORY_FROM_SEARCH = 3;
/** Rows of the small table's in-memory copy parsed or indexed between two turns of the event loop. */
const IN_MEMORY_SLICE = 250;

const REBUILD_HINT = 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder';

export async function openLanceStore(options: LanceStoreOptions): Promise<LanceStore> {
  const { dir } = options;
  ensureLanceThreads();
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists && options.readOnly) {
    throw createError({ code: 'index_missing', message: `No index at ${dir}`, hint: 'Run `remit ingest <paths>` to build one.' });
  }
  if (!exists) await makeDirectory(dir).catch((error) => Promise.reject(unwritableError(dir, error)));
  const state = options.rebuild ? null : await readState(dir);
  const db = await connect(dir);
  const store = new LanceStore(db, options);
  try {
    await store.useState(state);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export class LanceStore implements IndexStore {
  #state: StoreState | null = null;
  /** Reader handles, checked out at the committed versions; opened once and moved forward after each commit. */
  #tables: StoreTables | null = null;
  #rebuild: boolean;
  /** Members of the shared near-duplicate groups at the committed versions, read once per commit (see sharedGroupMembers). */
  readonly #sharedGroups = new SharedLoad<Map<string, GroupMember[]>>();
  /** A small chunks table at the committed version, held in memory (see #smallTableInMemory). */
  readonly #inMemory = new SharedLoad<SmallTableInMemory>();
  /** That copy once loaded, with the reader generation it was read at. */
  #inMemoryReady: { generation: number; copy: SmallTableInMemory } | null = null;
  /** Searches since the readers last moved, to hold a small table in memory only once it is searched again and again. */
  #searchesSinceMove = 0;
  /** Counts moves of the reader handles (odd while moving): a search's refs name the generation they were read at. */
  #generation = 0;
  #commits: Promise<unknown> = Promise.resolve();
  readonly #vectorIndex: VectorIndexPolicy;
  /** The vector index build a commit left running (policy build 'background'), while it is queued or runs. */
  #building: { rows: number; since: string } | null = null;
  /** Settles when every background build started so far has finished. */
  #indexBuilds: Promise<void> = Promise.resolve();
  /** The powers table of the committed state (see stateKey). */
  #powers: { key: string; table: Promise<PowersTable | null> } | undefined;

  constructor(
    private readonly db: Connection,
    private readonly options: LanceStoreOptions,
  ) {
    this.#rebuild = options.rebuild ?? false;
    this.#vectorIndex = vectorIndexPolicy(options.vectorIndex);
  }

  get dir(): string {
    return this.options.dir;
  }

  async info(): Promise<IndexInfo | null> {
    return this.#state?.info ?? null;
  }

  /**
   * Re-reads state.json to see commits made by other processes; true when the state moved. Queued behind this store's
   * own commits, so the reader handles are never moved by both at once.
   */
  refresh(): Promise<boolean> {
    return this.#queued(() => this.#refresh());
  }

  async #refresh(): Promise<boolean> {
    const state = await readState(this.dir);
    if (stateKey(state) === stateKey(this.#state)) return false;
    // Another process committed, or deleted the index and built another at this path (whose table versions may even
    // be the same numbers): handles opened on the old tables may read the old files, so they are opened afresh.
    this.#closeReaders();
    await this.useState(state);
    return true;
  }

  /** Points the reader handles at the versions `state` names (opening them the first time). */
  async useState(state: StoreState | null): Promise<void> {
    // Odd while the handles move, even once they rest: a search started during a move gives refs that never read.
    this.#generation++;
    this.#inMemory.reset();
    this.#inMemoryReady = null;
    this.#searchesSinceMove = 0;
    try {
      await this.#moveReaders(state);
    } finally {
      this.#generation++;
    }
  }

  async #moveReaders(state: StoreState | null): Promise<void> {
    if (!state) {
      this.#state = null;
      return;
    }
    const tables = this.#tables ?? (await this.#openTables());
    try {
      await Promise.all([tables.documents.checkout(state.versions.documents), tables.chunks.checkout(state.versions.chunks)]);
    } catch (error) {
      throw createError({
        code: 'index_corrupt',
        message: `The tables in ${this.dir} lack the versions its state.json names (documents v${state.versions.documents}, chunks v${state.versions.chunks})`,
        hint: `${REBUILD_HINT}.`,
        cause: error,
      });
    }
    this.#tables = tables;
    this.#state = state;
    this.#sharedGroups.reset();
  }

  async #openTables(): Promise<StoreTables> {
    const openOne = (name: string) =>
      this.db.openTable(name).catch((error: unknown) => {
        throw createError({
          code: 'index_corrupt',
          message: `Cannot open the ${name} table at ${join(this.dir, `${name}.lance`)}`,
          hint: `${REBUILD_HINT}.`,
          cause: error,
        });
      });
    // Both at once (a one-shot question opens them on every call); a handle opened beside a failure is closed.
    const [documents, chunks] = await Promise.allSettled([openOne(DOCUMENTS_TABLE), openOne(CHUNKS_TABLE)]);
    if (documents.status === 'fulfilled' && chunks.status === 'fulfilled') return { documents: documents.value, chunks: chunks.value };
    for (const opened of [documents, chunks]) if (opened.status === 'fulfilled') opened.value.close();
    throw (documents.status === 'rejected' ? documents : (chunks as PromiseRejectedResult)).reason;
  }

  /** A read LanceDB could not finish (a damaged or missing data file) names the index and the fix, not a Rust error line. */
  async #reading<T>(read: Promise<T>): Promise<T> {
    try {
      return await read;
    } catch (error) {
      throw isRemitError(error) ? error : readError(this.dir, error);
    }
  }

  /** The reader tables when something is committed; null for an empty index. */
  #read(): StoreTables | null {
    return this.#state ? this.#tables : null;
  }

  async listDocuments(): Promise<DocumentMeta[]> {
    const tables = this.#read();
    if (!tables) return [];
    const rows = await this.#reading(tables.documents.query().select(DOCUMENT_META_COLUMNS).toArray());
    return rows.map(rowToDocumentMeta).sort((a, b) => a.origin.localeCompare(b.origin));
  }

  async getDocument(id: string): Promise<Document | null> {
    const tables = this.#read();
    if (!tables) return null;
    const [row] = await this.#reading(tables.documents.query().where(sqlEquals('id', id)).limit(1).toArray());
    return row ? rowToDocument(row) : null;
  }

  async getDocumentMeta(ids: readonly string[]): Promise<Map<string, DocumentMeta>> {
    const tables = this.#read();
    const metas = new Map<string, DocumentMeta>();
    if (!tables) return metas;
    for (const filter of sqlInBatches('id', ids)) {
      for (const row of await this.#reading(tables.documents.query().where(filter).select(DOCUMENT_META_COLUMNS).toArray())) {
        const meta = rowToDocumentMeta(row);
        metas.set(meta.id, meta);
      }
    }
    return metas;
  }

  async origins(): Promise<Map<string, StoredOrigin>> {
    const documents = this.#read()?.documents;
    if (!documents) return new Map();
    // A table from before `via` was recorded lacks the column (it is added at the next commit).
    const hasVia = (await this.#reading(documents.schema())).fields.some((f) => f.name === 'via');
    const rows = await this.#reading(documents.query().select(['id', 'origin', 'hash', ...(hasVia ? ['via'] : [])]).toArray());
    return new Map(
      rows.map((row) => {
        const via = row.via === 'api' || row.via === 'path' ? { via: row.via as IngestedVia } : {};
        return [String(row.origin), { id: String(row.id), hash: String(row.hash), ...via }];
      }),
    );
  }

  async signatures(): Promise<{ chunkId: string; docId: string; dupGroup: string; signature: Uint32Array }[]> {
    const tables = this.#read();
    if (!tables) return [];
    // Column access, not row proxies: this reads every chunk and runs on each ingest.
    const batch = await this.#reading(tables.chunks.query().select(['id', 'docId', 'dupGroup', 'signature']).toArrow());
    const [ids, docIds, groups, signatures] = ['id', 'docId', 'dupGroup', 'signature'].map((name) => batch.getChild(name)!);
    return Array.from({ length: batch.numRows }, (_, i) => ({
      chunkId: String(ids!.get(i)),
      docId: String(docIds!.get(i)),
      dupGroup: String(groups!.get(i)),
      signature: numbersOf(signatures!.get(i), (v) => Uint32Array.from(v)),
    }));
  }

  async searchVector(vector: Float32Array, k: number): Promise<Candidate[]> {
    const tables = this.#read();
    if (!tables || k <= 0) return [];
    const dimensions = this.#state!.info.dimensions;
    if (vector.length !== dimensions) {
      throw createError({
        code: 'embedder_mismatch',
        message: `The query vector has ${vector.length} dimensions but the index holds ${dimensions}`,
        hint: 'Query with the embedder the index was built with, or re-ingest with --rebuild.',
      });
    }
    const generation = this.#generation;
    const inMemory = await this.#smallTableInMemory(tables, 'search');
    if (inMemory) return nearestByCosine(inMemory.vectors, vector, k).map(({ row, similarity }) => ({ ref: inMemory.refs[row]!, score: similarity }));
    const found = await this.#reading(
      tuneVectorQuery(tables.chunks.vectorSearch(vector).column('vector').distanceType('cosine'), this.#vectorIndex)
        .select(['_distance'])
        .withRowId()
        .limit(k)
        .toArrow(),
    );
    // Cosine distance is 1 - cosine similarity, so this score is the similarity itself.
    return candidatesOf(found, generation, '_distance', (distance) => 1 - distance, k);
  }

  async searchText(query: string, k: number): Promise<Candidate[]> {
    const tables = this.#read();
    const searched = textToSearch(query);
    if (!tables || searched === null || k <= 0) return [];
    const generation = this.#generation;
    const inMemory = await this.#smallTableInMemory(tables, 'search');
    if (inMemory) return inMemory.text.search(searched, k).map(({ row, score }) => ({ ref: inMemory.refs[row]!, score }));
    const found = await this.#reading(tables.chunks.query().fullTextSearch(matchQuery(searched, 'text')).select(['_score']).withRowId().limit(this.#searchLimit(k)).toArrow());
    return candidatesOf(found, generation, '_score', (score) => score, k);
  }

  /**
   * Rows a LanceDB text search returns. A small table searched there until its in-memory copy is ready returns every
   * match, so that equal BM25 scores (common: short passages sharing the question's words) are ordered by row as the
   * copy orders them, and the same question finds the same rows either way. (Equal cosine similarities need identical
   * vectors, that is identical passages, which retrieval folds into one near-duplicate group anyway.)
   */
  #searchLimit(k: number): number {
    const rows = this.#state!.info.chunks;
    return rows < this.#vectorIndex.minRows ? Math.max(k, rows) : k;
  }

  /**
   * A table below the approximate index's threshold is read whole once per commit (at most `minRows` chunks: 4 MB
   * of vectors and ~1.5 MB of text at 2000 x 512) and searched exactly in memory. LanceDB costs ~3 ms of CPU per
   * search or read however small the table (its fixed cost per query): at 1k chunks, most of a question's time.
   * Reading and indexing the copy costs ~0.1-0.4 s, more than a one-shot `remit ask` spends on its searches, so it is
   * loaded by warm() (a server, at start and after each commit) or in the background from the third search on; until
   * it is ready, searches and reads go to LanceDB, which finds the same rows with the same scores.
   */
  #smallTableInMemory(tables: StoreTables, purpose: 'warm' | 'search' | 'read'): Promise<SmallTableInMemory | null> {
    const generation = this.#generation;
    // Not while the readers move: the copy must be of the version its refs name.
    if (generation % 2 === 1 || this.#state!.info.chunks >= this.#vectorIndex.minRows) return Promise.resolve(null);
    if (this.#inMemoryReady?.generation === generation) return Promise.resolve(this.#inMemoryReady.copy);
    const load = () => this.#loadSmallTable(tables, generation);
    if (purpose === 'warm') return this.#inMemory.get(load);
    if (purpose === 'search' && ++this.#searchesSinceMove >= IN_MEMORY_FROM_SEARCH) this.#inMemory.get(load).catch(() => {});
    return Promise.resolve(null);
  }

  async #loadSmallTable(tables: StoreTables, generation: number): Promise<SmallTableInMemory> {
    const dimensions = this.#state!.info.dimensions;
    const batch = await this.#reading(tables.chunks.query().select(['vector', ...STORED_CHUNK_COLUMNS]).withRowId().toArrow());
    const vectors = await vectorsOf(batch, dimensions, () => setImmediate(), IN_MEMORY_SLICE);
    const refs = vectors.rowIds.map((rowId) => chunkRef(generation, rowId));
    // Parsed and indexed a slice at a time: a server loads this after every commit while it answers other requests.
    const rows = batch.toArray();
    const chunks: StoredChunk[] = [];
    for (let row = 0; row < rows.length; row++) {
      if (row > 0 && row % IN_MEMORY_SLICE === 0) await setImmediate();
      chunks.push(rowToStoredChunk(rows[row]));
    }
    const text = await TextInMemory.build(chunks.map((chunk) => chunk.text), () => setImmediate(), IN_MEMORY_SLICE);
    const copy = { vectors, refs, text, chunks: new Map(chunks.map((chunk, row) => [refs[row]!, chunk])) };
    // Used only while the readers are still where it was read.
    if (this.#generation === generation) this.#inMemoryReady = { generation, copy };
    return copy;
  }

  /** Refs are `<reader generation>:<row id>`: row ids are positions, valid only for the table version that gave them. */
  async readChunks(refs: readonly string[]): Promise<Map<string, StoredChunk>> {
    const tables = this.#read();
    const generation = this.#generation;
    const rowIds = refs.map((ref) => rowIdOf(ref, generation));
    const chunks = new Map<string, StoredChunk>();
    if (rowIds.length === 0) return chunks;
    if (!tables) throw indexChangedError();
    const inMemory = await this.#smallTableInMemory(tables, 'read');
    const rows = inMemory ? null : await this.#reading(tables.chunks.takeRowIds(rowIds).select(STORED_CHUNK_COLUMNS).withRowId().toArray());
    // The readers moved to another version while this read ran: its rows may not be the ones searched.
    if (this.#generation !== generation) throw indexChangedError();
    const byRowId = rows && new Map(rows.map((row) => [BigInt(row._rowid), row]));
    refs.forEach((ref, i) => {
      const row = byRowId?.get(rowIds[i]!);
      const chunk = inMemory ? inMemory.chunks.get(ref) : row && rowToStoredChunk(row);
      if (!chunk) throw createError({ code: 'index_corrupt', message: `The chunks table at ${this.dir} has no row ${rowIds[i]} at its committed version`, hint: `${REBUILD_HINT}.` });
      chunks.set(ref, chunk);
    });
    return chunks;
  }

  /**
   * Held in memory: every retrieve asks, and a filtered LanceDB read costs ~3 ms even with the BTREE index, while
   * the shared groups are few (syndicated copies). One column scan per commit finds them: 350 ms at 100k chunks,
   * paid by the first question after a commit or open.
   */
  async sharedGroupMembers(groups: readonly string[]): Promise<GroupMember[]> {
    const tables = this.#read();
    if (!tables || groups.length === 0) return [];
    const shared = await this.#sharedGroups.get(() => this.#readSharedGroups(tables));
    return [...new Set(groups)].flatMap((group) => shared.get(group) ?? []);
  }

  async #readSharedGroups(tables: StoreTables): Promise<Map<string, GroupMember[]>> {
    const batch = await this.#reading(tables.chunks.query().select(['id', 'docId', 'dupGroup']).toArrow());
    const [ids, docIds, groups] = ['id', 'docId', 'dupGroup'].map((name) => batch.getChild(name)!);
    const groupOf: string[] = groups!.toArray();
    return sharedGroups(groupOf, (i) => ({ id: String(ids!.get(i)), docId: String(docIds!.get(i)), dupGroup: groupOf[i]! }));
  }

  /**
   * Loads what the first question after an open or a commit would otherwise pay for: the shared groups, and either
   * the small table's in-memory copy or LanceDB's full-text and vector indices (read lazily by the first search).
   */
  async warm(): Promise<void> {
    const tables = this.#read();
    if (!tables) return;
    const [inMemory] = await Promise.all([this.#smallTableInMemory(tables, 'warm'), this.#sharedGroups.get(() => this.#readSharedGroups(tables))]);
    if (inMemory) return;
    const indices = await this.#reading(tables.chunks.listIndices());
    const searched = indices.filter((index) => index.name === TEXT_INDEX || index.columns.includes('vector'));
    await Promise.all(searched.map((index) => this.#reading(tables.chunks.prewarmIndex(index.name))));
  }

  /**
   * Reads the id column of both committed tables: every data file's footer and one small column, so a truncated,
   * garbled or missing file fails here (index_corrupt) rather than in a question. The in-memory copy of a small table
   * would otherwise keep answering searches over files that can no longer be read.
   */
  async verify(): Promise<void> {
    const tables = this.#read();
    if (!tables) return;
    await Promise.all([tables.documents, tables.chunks].map((table) => this.#reading(table.query().select(['id']).toArrow())));
  }

  /** The powers table state.json names (read once per commit); null for an empty index or one that predates it. */
  async powers(): Promise<PowersTable | null> {
    const name = this.#state?.powers;
    if (!name) return null;
    // By state, not name alone: an index built again at this path names its files from 1 again.
    const key = stateKey(this.#state);
    if (this.#powers?.key !== key) this.#powers = { key, table: readPowersFile(join(this.dir, name)) };
    const { table } = this.#powers;
    // A failed read is not kept: the next call tries again.
    return table.catch((error: unknown) => {
      if (this.#powers?.table === table) this.#powers = undefined;
      throw error;
    });
  }

  commit(change: IndexChange): Promise<IndexInfo> {
    // Commits from one store run one after another; other processes are kept out by the folder's lock file.
    return this.#queued(() => this.#commit(change));
  }

  /** Runs `work` after everything queued before it (commits and refreshes), whether that failed or not. */
  #queued<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#commits.then(work);
    this.#commits = next.catch(() => {});
    return next;
  }

  async #commit(change: IndexChange): Promise<IndexInfo> {
    if (this.options.readOnly) {
      throw createError({ code: 'index_unwritable', message: `The index at ${this.dir} was opened read-only`, hint: 'Open it for writing to ingest.' });
    }
    await access(this.dir, constants.W_OK).catch((error) => Promise.reject(unwritableError(this.dir, error)));
    const release = await acquireCommitLock(this.dir).catch((error) => Promise.reject(isRemitError(error) ? error : unwritableError(this.dir, error)));
    try {
      // Read the state again under the lock: another process may have committed since this store opened.
      const committed = this.#rebuild ? null : await readState(this.dir);
      // Before the first commit no reader can have used any table version (state.json names none yet).
      const firstCommit = await access(join(this.dir, STATE_FILE)).then(() => false, () => true);
      const applied = await applyChange(this.db, {
        change,
        committed,
        fresh: this.#rebuild,
        firstCommit,
        schemaVersion: STORE_SCHEMA_VERSION,
      });
      const { recreated } = applied;
      // Indices join the same commit: built before state.json names the table versions (the vector index may be left
      // for a build after it, see #buildVectorIndexLater).
      const indexed = await indexCommittedTables(this.db, applied.state, this.#vectorIndex, { deferVectorIndex: this.#vectorIndex.build !== 'inline' });
      if (indexed.event.action !== 'none') this.options.onVectorIndex?.(indexed.event);
      // So does the powers table: written beside state.json first, then published by the same switch.
      const state = { ...indexed.state, powers: powersFileName(indexed.state.versions.documents) };
      await writePowersFile(join(this.dir, state.powers), applied.powers);
      await writeState(this.dir, state);
      this.#rebuild = false;
      // Recreated tables may have a new vector width: reopen the reader handles rather than move them.
      if (recreated) this.#closeReaders();
      await this.useState(state);
      // Housekeeping once the commit is durable and our readers moved on: a failure loses nothing, the next commit retries.
      const retainMs = this.options.retainVersionsMs ?? DEFAULT_RETAIN_VERSIONS_MS;
      await pruneOldVersions(this.db, retainMs).catch(() => {});
      await pruneOldPowersFiles(this.dir, state.powers, retainMs).catch(() => {});
      if (indexed.deferred && this.#vectorIndex.build === 'background') this.#buildVectorIndexLater(indexed.deferred.rows);
      return state.info;
    } catch (error) {
      throw isRemitError(error) ? error : writeError(this.dir, error);
    } finally {
      await release();
    }
  }

  /**
   * Queues the vector index build a commit left out. It runs after that commit (and before any commit queued later),
   * under the commit lock, then commits again: state.json names the same rows with the index. Until then searches
   * use what the committed version has (the previous index with its new rows folded in, or exact search).
   */
  #buildVectorIndexLater(rows: number): void {
    const building = { rows, since: new Date().toISOString() };
    this.#building = building;
    const build = this.#queued(() => this.#buildVectorIndex())
      .catch((error: unknown) => {
        this.options.warn?.(`The vector index over ${rows} passages could not be built (${error instanceof Error ? error.message : String(error)}); the next ingest tries again`);
      })
      .finally(() => {
        if (this.#building === building) this.#building = null;
      });
    this.#indexBuilds = Promise.all([this.#indexBuilds, build]).then(() => {});
  }

  async #buildVectorIndex(): Promise<void> {
    const release = await acquireCommitLock(this.dir);
    try {
      // What is committed now: another process may have committed since (it then left its own build, if any).
      const committed = await readState(this.dir);
      if (!committed) return;
      await rollBackUncommitted(this.db, committed);
      const { state, event } = await indexCommittedTables(this.db, committed, this.#vectorIndex);
      if (event.action === 'none') return;
      this.options.onVectorIndex?.(event);
      await writeState(this.dir, state);
      await this.useState(state);
      await pruneOldVersions(this.db, this.options.retainVersionsMs ?? DEFAULT_RETAIN_VERSIONS_MS).catch(() => {});
    } finally {
      await release();
    }
  }

  async vectorSearch(): Promise<VectorSearchStatus> {
    const tables = this.#read();
    const building = this.#building ? { building: { ...this.#building } } : {};
    if (!tables || this.#state!.info.chunks < this.#vectorIndex.minRows) return { mode: 'in-memory', ...building };
    const indices = await this.#reading(tables.chunks.listIndices());
    const indexed = this.#vectorIndex.search === 'approximate' && indices.some((index) => index.columns.includes('vector'));
    return { mode: indexed ? 'indexed' : 'exact', ...building };
  }

  indexed(): Promise<void> {
    return this.#indexBuilds;
  }

  /**
   * Starts the background build of a vector index the committed table should have but lacks (a build stopped after
   * its commit, say by Ctrl-C); nothing when it has one, is small, or is read-only.
   */
  async buildMissingVectorIndex(): Promise<void> {
    if (this.options.readOnly || this.#vectorIndex.build !== 'background') return;
    const status = await this.vectorSearch();
    if (status.mode === 'exact' && !status.building && this.#vectorIndex.search === 'approximate') this.#buildVectorIndexLater(this.#state!.info.chunks);
  }

  #closeReaders(): void {
    // By two: the handles are gone, not moving, and no ref from before reads again.
    this.#generation += 2;
    this.#tables?.documents.close();
    this.#tables?.chunks.close();
    this.#tables = null;
  }

  async close(): Promise<void> {
    await this.#commits;
    this.#closeReaders();
    this.#state = null;
    this.db.close();
  }
}

/** A small chunks table read whole at one generation (its refs name it): exact vector and text search, and its chunks. */
interface SmallTableInMemory {
  vectors: VectorsInMemory;
  /** One per row, in the order of `vectors` and of the rows `text` returns. */
  refs: string[];
  text: TextInMemory;
  chunks: Map<string, StoredChunk>;
}

const chunkRef = (generation: number, rowId: unknown): string => `${generation}:${String(rowId)}`;

/** What tells one committed state from another: its table versions, and its build time (an index built again at the same path restarts its versions). */
const stateKey = (state: StoreState | null): string => (state ? `${JSON.stringify(state.versions)}@${state.info.builtAt}` : 'none');

/**
 * A search's rows as candidates, read from the Arrow columns (turning rows into objects cost ~0.3 ms a search): the
 * best `k`, equal scores in row order.
 */
function candidatesOf(found: ArrowTable, generation: number, scoreColumn: string, toScore: (value: number) => number, k: number): Candidate[] {
  const rowIds = found.getChild('_rowid')!;
  const scores = found.getChild(scoreColumn)!;
  // Row ids are (fragment << 32) | offset: exact as numbers while fragment ids stay below 2^21.
  const rows = Array.from({ length: found.numRows }, (_, i) => ({ rowId: Number(rowIds.get(i)), score: toScore(Number(scores.get(i))) }));
  rows.sort((a, b) => b.score - a.score || a.rowId - b.rowId);
  return rows.slice(0, k).map(({ rowId, score }) => ({ ref: chunkRef(generation, rowId), score }));
}

const indexChangedError = () =>
  createError({ code: 'index_changed', message: 'The index changed while a search was being read', hint: 'Ask again.' });

/** The row id in a ref from this store's current, resting generation; any other ref throws `index_changed`. */
function rowIdOf(ref: string, generation: number): bigint {
  const match = /^(\d+):(\d+)$/.exec(ref);
  if (!match) throw createError({ code: 'bad_input', message: `"${ref}" is not a chunk ref from a LanceDB search` });
  if (Number(match[1]) !== generation || generation % 2 === 1) throw indexChangedError();
  return BigInt(match[2]!);
}
