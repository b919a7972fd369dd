// BTREE indices on the columns the query path filters by: documents.id (getDocument, getDocumentMeta, once per
// cited document) and chunks.dupGroup (chunksInGroups, once per retrieve). Without them each is a full scan.
// Created once per table; optimize() (run on every commit) folds new rows into them.
import { Index, type Table } from '@lancedb/lancedb';

export const LOOKUP_INDICES = { documents: 'documents_id_idx', chunks: 'chunks_dupgroup_idx' } as const;

/** Creates the BTREE index on `column` unless the table has one; true when it wrote a new table version. */
export async function ensureLookupIndex(table: Table, column: string, name: string): Promise<boolean> {
  if ((await table.listIndices()).some((index) => index.name === name)) return false;
  await table.createIndex(column, { config: Index.btree(), name, replace: true });
  return true;
}
