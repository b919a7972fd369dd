// The D1 layout the Worker reads and `remit export --target cloudflare` writes: one source of truth for both sides.

/** Bump when the layout changes; the Worker refuses a database written by another layout. */
export const D1_SCHEMA_VERSION = 1;

/** Tables the exporter replaces on every export; `feedback` is never dropped (readers' feedback outlives an index). */
export const INDEX_TABLES = ['chunks_fts', 'chunks', 'documents', 'remit_index'] as const;

/**
 * DDL, one statement per entry. `chunks.seq` is the FTS5 rowid: the full-text table indexes chunk text
 * without storing a second copy (external content), and is filled by {@link FTS_REBUILD} after the rows.
 */
export const D1_SCHEMA: readonly string[] = [
  ...INDEX_TABLES.map((table) => `DROP TABLE IF EXISTS ${table};`),
  `CREATE TABLE remit_index (id INTEGER PRIMARY KEY CHECK (id = 1), schema_version INTEGER NOT NULL, info TEXT NOT NULL);`,
  `CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, date TEXT, origin TEXT NOT NULL, hash TEXT NOT NULL, url TEXT, sources TEXT NOT NULL DEFAULT '[]', text TEXT NOT NULL DEFAULT '');`,
  `CREATE TABLE chunks (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, dup_group TEXT NOT NULL);`,
  `CREATE INDEX chunks_doc_id ON chunks (doc_id);`,
  `CREATE INDEX chunks_dup_group ON chunks (dup_group);`,
  `CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content='chunks', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2');`,
  `CREATE TABLE IF NOT EXISTS feedback (id TEXT PRIMARY KEY, answer_id TEXT NOT NULL, rating TEXT NOT NULL, comment TEXT, received_at TEXT NOT NULL, request_id TEXT);`,
];

/** Indexes every chunk row in the external-content FTS5 table (run once, after the data). */
export const FTS_REBUILD = `INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild');`;

/** Columns of a chunk row as the Worker selects them. */
export const CHUNK_COLUMNS = `c.id, c.doc_id, c.idx, c.start, c."end", c.text, c.dup_group`;

/** Columns of a document row without its text. */
export const DOCUMENT_META_COLUMNS = `id, title, publisher, date, origin, hash, url, sources`;

/** D1 binds at most 100 parameters per statement; IN lists are sent in batches below that. */
export const MAX_BOUND_PARAMETERS = 90;
