// BTREE index on the column the query path filters by: documents.id (getDocument, getDocumentMeta, once per cited
// document); without it each is a full scan. Near-duplicate groups need none: the store holds the shared ones in
// memory. Created once per table; optimize() (run on every commit) folds new rows into it.
import { Index, type Table } from '@lancedb/lancedb';

export const LOOKUP_INDICES = { documents: 'documents_id_idx' } as const;

/** Creates the BTREE index on `column` unless the table has one; true when it wrote a new table version. */
export async function ensureLookupIndex(table: Table, column: string, name: string): Promise<boolean> {
  if ((await table.listIndices()).some((index) => index.name === name)) return false;
  await table.createIndex(column, { config: Index.btree(), name, replace: true });
  return true;
}
