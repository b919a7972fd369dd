// Reads a whole local LanceDB index at its committed versions: every document and every chunk with its vector.
import { stat } from 'node:fs/promises';
import { connect } from '@lancedb/lancedb';
import { createError } from '../../../core/errors.js';
import type { IndexSnapshot } from '../../../core/store/index-store.js';
import { readState } from './state-file.js';
import { CHUNKS_TABLE, DOCUMENTS_TABLE, rowToChunkRecord, rowToDocument } from './tables.js';

export async function readLanceIndex(dir: string): Promise<IndexSnapshot> {
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  const state = exists ? await readState(dir) : null;
  if (!state) throw createError({ code: 'index_missing', message: `No index at ${dir}`, hint: 'Run `remit ingest <paths>` to build one, or pass --db.' });
  const db = await connect(dir);
  try {
    // Pinned to the versions state.json names: later versions may be leftovers of a crashed ingest.
    const documentsTable = await db.openTable(DOCUMENTS_TABLE);
    const chunksTable = await db.openTable(CHUNKS_TABLE);
    try {
      await documentsTable.checkout(state.versions.documents);
      await chunksTable.checkout(state.versions.chunks);
      const documents = (await documentsTable.query().toArray()).map(rowToDocument).sort((a, b) => a.origin.localeCompare(b.origin));
      const chunks = (await chunksTable.query().toArray())
        .map(rowToChunkRecord)
        .sort((a, b) => a.docId.localeCompare(b.docId) || a.index - b.index);
      return { info: state.info, documents, chunks };
    } finally {
      documentsTable.close();
      chunksTable.close();
    }
  } finally {
    db.close();
  }
}
