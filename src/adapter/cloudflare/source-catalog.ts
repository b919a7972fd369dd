// Sources and readiness straight from the index store: /api/sources lists what D1 holds, /healthz says whether it is filled.
import type { IndexStore } from '../../core/store/index-store.js';
import type { SourceCatalog } from '../../http/deps.js';

export function catalogFromStore(store: IndexStore): SourceCatalog {
  return {
    list: () => store.listDocuments(),
    get: (id) => store.getDocument(id),
    async status() {
      const info = await store.info();
      if (!info || info.chunks === 0) {
        return { ready: false, documents: 0, chunks: 0, reason: 'the index is empty: import the exported D1 data and Vectorize vectors' };
      }
      return { ready: true, documents: info.documents, chunks: info.chunks, embedder: info.embedder, builtAt: info.builtAt };
    },
  };
}
