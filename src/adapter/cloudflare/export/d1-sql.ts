// The D1 scripts of a Cloudflare export: schema.sql (the Worker's layout) and data.sql (batched INSERTs of the index).
import type { Document, IndexInfo } from '../../../core/schema.js';
import type { StoredChunk } from '../../../core/store/index-store.js';
import { D1_SCHEMA, D1_SCHEMA_VERSION, FTS_REBUILD } from '../d1-schema.js';
import { sqlString, sqlValue, splitText, utf8Bytes } from './sql-literal.js';

/** D1 rejects statements over 100 KB; this leaves room for the INSERT head and separators. */
export const MAX_STATEMENT_BYTES = 90_000;
/** Larger values are inserted empty, then appended in pieces this long (at most 3 bytes per UTF-16 unit, doubled quotes included). */
export const TEXT_PIECE_CHARS = 14_000;
const MAX_ROWS_PER_INSERT = 500;

type SqlValue = string | number | null | undefined;

interface SqlRow {
  /** The primary key, to append long text to the row after it is inserted. */
  key: string;
  values: SqlValue[];
  /** Index into `values` of the one column that may be too long for a single statement. */
  textAt: number;
}

export function schemaSql(): string {
  return `-- Remit D1 layout v${D1_SCHEMA_VERSION}. Replaces the index tables; keeps feedback.\n${D1_SCHEMA.join('\n')}\n`;
}

/** Statements that fill an empty layout; the index row goes last, so a half-finished import reads as "not ready". */
export function* dataStatements(snapshot: { info: IndexInfo; documents: readonly Document[]; chunks: readonly StoredChunk[] }): Generator<string> {
  yield* insertStatements(
    'documents',
    ['id', 'title', 'publisher', 'date', 'origin', 'hash', 'url', 'sources', 'text'],
    'id',
    snapshot.documents.map((d) => ({
      key: d.id,
      values: [d.id, d.title, d.publisher, d.date, d.origin, d.hash, d.url, JSON.stringify(d.sources ?? []), d.text],
      textAt: 8,
    })),
  );
  yield* insertStatements(
    'chunks',
    ['seq', 'id', 'doc_id', 'idx', 'start', '"end"', 'text', 'dup_group'],
    'id',
    snapshot.chunks.map((c, i) => ({ key: c.id, values: [i + 1, c.id, c.docId, c.index, c.start, c.end, c.text, c.dupGroup], textAt: 6 })),
  );
  yield FTS_REBUILD;
  yield `INSERT INTO remit_index (id, schema_version, info) VALUES (1, ${D1_SCHEMA_VERSION}, ${sqlString(JSON.stringify(snapshot.info))});`;
}

function* insertStatements(table: string, columns: readonly string[], keyColumn: string, rows: Iterable<SqlRow>): Generator<string> {
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n`;
  let tuples: string[] = [];
  let bytes = utf8Bytes(head);
  let appends: string[] = [];
  const flush = function* () {
    if (tuples.length) yield `${head}${tuples.join(',\n')};`;
    yield* appends;
    tuples = [];
    appends = [];
    bytes = utf8Bytes(head);
  };
  for (const row of rows) {
    let tuple = `(${row.values.map(sqlValue).join(', ')})`;
    const rowAppends: string[] = [];
    if (utf8Bytes(tuple) > MAX_STATEMENT_BYTES / 2) {
      // Too long for one statement: insert the row with empty text, then append the text piece by piece.
      const text = String(row.values[row.textAt] ?? '');
      tuple = `(${row.values.map((v, i) => (i === row.textAt ? "''" : sqlValue(v))).join(', ')})`;
      const column = columns[row.textAt]!;
      for (const piece of splitText(text, TEXT_PIECE_CHARS)) {
        rowAppends.push(`UPDATE ${table} SET ${column} = ${column} || ${sqlString(piece)} WHERE ${keyColumn} = ${sqlString(row.key)};`);
      }
    }
    const tupleBytes = utf8Bytes(tuple);
    if (tuples.length && (bytes + tupleBytes + 2 > MAX_STATEMENT_BYTES || tuples.length >= MAX_ROWS_PER_INSERT)) yield* flush();
    tuples.push(tuple);
    appends.push(...rowAppends);
    bytes += tupleBytes + 2;
  }
  yield* flush();
}
