// Arrow schemas of the two LanceDB tables and the conversions between their rows and our zod types.
import type { DataType, Schema } from 'apache-arrow';
import { z } from 'zod';
import { createError } from '../../../core/errors.js';
import { Chunk as ChunkSchema, type Document, type DocumentMeta, Document as DocumentSchema, SourceRef } from '../../../core/schema.js';
import type { ChunkRecord, DocumentEntry, StoredChunk } from '../../../core/store/index-store.js';
import { keepWebUrls } from '../../../core/web-url.js';
import { arrow } from './arrow.js';

const { Field, FixedSizeList, Float32, Int32, List, Schema: ArrowSchema, Uint32, Utf8 } = arrow;

export const DOCUMENTS_TABLE = 'documents';
export const CHUNKS_TABLE = 'chunks';
export const TEXT_INDEX = 'text_idx';

// Every field is nullable: LanceDB infers nullable columns for plain rows, and a schema that disagrees rejects appends.
const field = (name: string, type: DataType) => new Field(name, type, true);

export const documentsSchema = (): Schema =>
  new ArrowSchema([
    field('id', new Utf8()),
    field('title', new Utf8()),
    field('publisher', new Utf8()),
    field('date', new Utf8()),
    field('origin', new Utf8()),
    field('hash', new Utf8()),
    field('url', new Utf8()),
    field('sources', new Utf8()),
    field('text', new Utf8()),
    // Added after the first layout: an older table gets them (null) at its next commit (see ensureDocumentColumns).
    ...LATER_DOCUMENT_COLUMNS.map((name) => field(name, new Utf8())),
  ]);

/** Columns the documents table gained after its first layout, in order; null in rows written before. */
export const LATER_DOCUMENT_COLUMNS = ['via', 'powers'] as const;

export const chunksSchema = (dimensions: number): Schema =>
  new ArrowSchema([
    field('id', new Utf8()),
    field('docId', new Utf8()),
    field('index', new Int32()),
    field('start', new Int32()),
    field('end', new Int32()),
    field('text', new Utf8()),
    field('dupGroup', new Utf8()),
    field('signature', new List(new Field('item', new Uint32(), true))),
    field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true))),
  ]);

export const DOCUMENT_META_COLUMNS = ['id', 'title', 'publisher', 'date', 'origin', 'hash', 'url', 'sources'];
export const STORED_CHUNK_COLUMNS = ['id', 'docId', 'index', 'start', 'end', 'text', 'dupGroup'];

export function documentToRow({ document, via, powers }: DocumentEntry): Record<string, unknown> {
  return {
    id: document.id,
    title: document.title,
    publisher: document.publisher ?? null,
    date: document.date ?? null,
    origin: document.origin,
    hash: document.hash,
    url: document.url ?? null,
    sources: JSON.stringify(document.sources ?? []),
    text: document.text,
    via: via ?? 'path',
    powers: powers ? JSON.stringify(powers) : null,
  };
}

// Rows read back from disk are a boundary: null columns become absent fields, then zod checks the shape.
const optional = (value: unknown) => (value === null || value === undefined ? undefined : value);

const SourcesJson = z.string().transform((text, ctx) => {
  try {
    return z.array(SourceRef).parse(JSON.parse(text));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'sources is not a JSON list of sources' });
    return z.NEVER;
  }
});

const DocumentRow = DocumentSchema.extend({ sources: SourcesJson });
const DocumentMetaRow = DocumentRow.omit({ text: true });

const StoredChunkRow = ChunkSchema.extend({ dupGroup: z.string() });

function parseRow<T>(schema: z.ZodType<T>, row: Record<string, unknown>, table: string): T {
  const result = schema.safeParse(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, optional(value)])));
  if (result.success) return result.data;
  throw createError({
    code: 'index_corrupt',
    message: `A row of the ${table} table does not match the expected shape: ${result.error.issues[0]?.message ?? 'invalid'}`,
    hint: 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder.',
    cause: result.error,
  });
}

/** Plain fields of an Arrow row proxy (select only the columns you need, so nothing large is copied). */
const plain = (row: Record<string, unknown>, columns: readonly string[]) =>
  Object.fromEntries(columns.map((column) => [column, row[column]]));

// An index written before ingest dropped non-http(s) URLs may hold one: it is never read out.
export const rowToDocument = (row: Record<string, unknown>): Document =>
  keepWebUrls(parseRow(DocumentRow, plain(row, [...DOCUMENT_META_COLUMNS, 'text']), DOCUMENTS_TABLE)).meta;

export const rowToDocumentMeta = (row: Record<string, unknown>): DocumentMeta =>
  keepWebUrls(parseRow(DocumentMetaRow, plain(row, DOCUMENT_META_COLUMNS), DOCUMENTS_TABLE)).meta;

export const rowToStoredChunk = (row: Record<string, unknown>): StoredChunk =>
  parseRow(StoredChunkRow, plain(row, STORED_CHUNK_COLUMNS), CHUNKS_TABLE);

/** An Arrow list cell as a fresh typed array (the cell is a view into a batch we do not keep). */
export function numbersOf<T extends Float32Array | Uint32Array>(cell: unknown, make: (values: ArrayLike<number>) => T): T {
  if (cell && typeof (cell as { toArray?: unknown }).toArray === 'function') return make((cell as { toArray(): ArrayLike<number> }).toArray());
  if (Array.isArray(cell) || ArrayBuffer.isView(cell)) return make(cell as unknown as ArrayLike<number>);
  throw createError({ code: 'index_corrupt', message: 'A stored list column is unreadable', hint: 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder.' });
}

export function rowToChunkRecord(row: Record<string, unknown>): ChunkRecord {
  return {
    ...rowToStoredChunk(row),
    signature: numbersOf(row.signature, (v) => Uint32Array.from(v)),
    vector: numbersOf(row.vector, (v) => Float32Array.from(v)),
  };
}
