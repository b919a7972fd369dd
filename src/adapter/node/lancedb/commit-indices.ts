// The commit's index step: runs after the tables are written and before state.json names their versions, so new
// indices land in the committed versions (a crash before state.json moves rolls them back with the rest).
import type { Connection, Table } from '@lancedb/lancedb';
import { ensureLookupIndex, LOOKUP_INDICES } from './lookup-indices.js';
import type { StoreState } from './state-file.js';
import { CHUNKS_TABLE, DOCUMENTS_TABLE } from './tables.js';
import { ensureVectorIndex, planVectorIndex, type VectorIndexAction, type VectorIndexEvent, type VectorIndexPolicy } from './vector-index.js';

export interface CommittedIndices {
  state: StoreState;
  event: VectorIndexEvent;
  /** The vector index build left for later (policy build 'background'), or null when none is needed. */
  deferred: { action: VectorIndexAction; rows: number } | null;
}

export async function indexCommittedTables(
  db: Connection,
  state: StoreState,
  policy: VectorIndexPolicy,
  options: { deferVectorIndex?: boolean } = {},
): Promise<CommittedIndices> {
  const documents = await db.openTable(DOCUMENTS_TABLE);
  const chunks = await db.openTable(CHUNKS_TABLE);
  try {
    const documentsChanged = await ensureLookupIndex(documents, 'id', LOOKUP_INDICES.documents);
    const plan = options.deferVectorIndex ? await planVectorIndex(chunks, policy) : null;
    const event = plan ? { action: 'none' as const, rows: plan.rows, ms: 0 } : await ensureVectorIndex(chunks, policy);
    const versions = {
      documents: documentsChanged ? await documents.version() : state.versions.documents,
      chunks: event.action !== 'none' ? await chunks.version() : state.versions.chunks,
    };
    const deferred = plan && plan.action !== 'none' ? { action: plan.action, rows: plan.rows } : null;
    return { state: { ...state, versions }, event, deferred };
  } finally {
    close(documents, chunks);
  }
}

const close = (...tables: Table[]) => tables.forEach((table) => table.close());
