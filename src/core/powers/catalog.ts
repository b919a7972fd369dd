// Where a powers table comes from: a file or table the runtime keeps, or computed here from the indexed documents.
import type { Document, DocumentMeta } from '../schema.js';
import { extractPowers } from './extract.js';
import type { PowersTable } from './schema.js';

export interface PowersCatalog {
  table(): Promise<PowersTable>;
}

/** The documents a catalog is computed from. */
export interface DocumentSource {
  list(): Promise<DocumentMeta[]>;
  get(id: string): Promise<Document | null>;
}

/** Rules extraction over the indexed documents, recomputed only when the set of documents changes. */
export function powersFromDocuments(sources: DocumentSource, now: () => Date = () => new Date()): PowersCatalog {
  let cached: { key: string; table: PowersTable } | undefined;
  return {
    async table() {
      const metas = await sources.list();
      // Document ids are content hashes: the same ids mean the same texts.
      const key = metas.map((m) => m.id).sort().join(',');
      if (cached?.key === key) return cached.table;
      const documents = (await Promise.all(metas.map((m) => sources.get(m.id)))).filter((d): d is Document => d !== null);
      // In origin order, as an index's committed table takes them (it decides whose statement of an enforcer counts).
      documents.sort((a, b) => a.origin.localeCompare(b.origin));
      const table: PowersTable = { version: 1, builtAt: now().toISOString(), extractor: 'rules', documents: documents.length, powers: extractPowers(documents) };
      cached = { key, table };
      return table;
    },
  };
}
