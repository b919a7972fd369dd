// Rows read from D1 are a boundary: SQL nulls become absent fields, snake_case becomes our names, zod checks the shape.
import { z } from 'zod';
import { createError } from '../../core/errors.js';
import { type Document, type DocumentMeta, DocumentMeta as DocumentMetaSchema, IndexInfo, SourceRef } from '../../core/schema.js';
import type { StoredChunk } from '../../core/store/index-store.js';
import { keepWebUrls } from '../../core/web-url.js';
import { D1_SCHEMA_VERSION } from './d1-schema.js';

const REEXPORT_HINT = 'Export the index again (`remit export --target cloudflare`) and re-run the D1 import.';

const SourcesJson = z.string().transform((text, ctx) => {
  const parsed = z.array(SourceRef).safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'sources is not a JSON list of sources' });
  return z.NEVER;
});

const DocumentMetaRow = DocumentMetaSchema.extend({ sources: SourcesJson });

const DocumentRow = z.object({ text: z.string() });

const ChunkRow = z
  .object({
    id: z.string(),
    doc_id: z.string(),
    idx: z.number().int().nonnegative(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string(),
    dup_group: z.string(),
  })
  .transform(({ doc_id, idx, dup_group, ...rest }): StoredChunk => ({ ...rest, docId: doc_id, index: idx, dupGroup: dup_group }));

const IndexRow = z.object({ schema_version: z.number().int(), info: z.string() });

function parseRow<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const result = schema.safeParse(withoutNulls(row));
  if (result.success) return result.data;
  throw createError({
    code: 'index_corrupt',
    message: `A row of the D1 ${table} table does not match the expected shape: ${result.error.issues[0]?.message ?? 'invalid'}`,
    hint: REEXPORT_HINT,
    cause: result.error,
  });
}

// A database exported from an index that held a non-http(s) URL never serves it.
export const rowToDocumentMeta = (row: unknown): DocumentMeta => keepWebUrls(parseRow(DocumentMetaRow, row, 'documents')).meta;

export const rowToDocument = (row: unknown): Document => ({ ...rowToDocumentMeta(row), text: parseRow(DocumentRow, row, 'documents').text });

export const rowToStoredChunk = (row: unknown): StoredChunk => parseRow(ChunkRow, row, 'chunks');

/** The index description stored by the exporter; a database from another layout is an error, not a guess. */
export function rowToIndexInfo(row: unknown): IndexInfo {
  const { schema_version, info } = parseRow(IndexRow, row, 'remit_index');
  if (schema_version !== D1_SCHEMA_VERSION) {
    throw createError({
      code: 'index_corrupt',
      message: `The D1 database holds layout version ${schema_version}; this Worker reads version ${D1_SCHEMA_VERSION}`,
      hint: REEXPORT_HINT,
    });
  }
  return parseRow(IndexInfo, safeJson(info), 'remit_index');
}

/** SQL NULL means "absent" in our schemas. */
function withoutNulls(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row;
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
