// Rebuilds powers.json from every document in the index: call after each ingest (the table spans documents,
// so conflicts between sources are found only when all of them are read together).
import { resolve } from 'node:path';
import { extractPowers } from '../../../core/powers/extract.js';
import type { PowersTable } from '../../../core/powers/schema.js';
import type { Document } from '../../../core/schema.js';
import type { IndexStore } from '../../../core/store/index-store.js';
import { writePowersFile } from './powers-file.js';

export interface RefreshPowersOptions {
  /** Index folder (where powers.json lives). */
  db: string;
  /** With a key, Claude extracts (quotes verified); on any API failure the rules table is written instead. */
  anthropic?: { apiKey?: string; baseURL?: string; model?: string };
  now?: () => Date;
  warn?: (line: string) => void;
}

export async function refreshPowers(runtime: { store: Pick<IndexStore, 'listDocuments' | 'getDocument'> }, options: RefreshPowersOptions): Promise<PowersTable> {
  const documents = await allDocuments(runtime.store);
  const table = await buildPowersTable(documents, options);
  await writePowersFile(resolve(options.db), table);
  return table;
}

export async function buildPowersTable(documents: readonly Document[], options: Omit<RefreshPowersOptions, 'db'> = {}): Promise<PowersTable> {
  const builtAt = (options.now?.() ?? new Date()).toISOString();
  if (options.anthropic?.apiKey) {
    try {
      const { extractPowersWithAnthropic } = await import('./claude.js');
      const powers = await extractPowersWithAnthropic(documents, { ...options.anthropic, apiKey: options.anthropic.apiKey });
      return { version: 1, builtAt, extractor: 'claude', documents: documents.length, powers };
    } catch (error) {
      options.warn?.(`Claude could not extract powers (${error instanceof Error ? error.message : String(error)}); used the rules instead`);
    }
  }
  return { version: 1, builtAt, extractor: 'rules', documents: documents.length, powers: extractPowers(documents) };
}

async function allDocuments(store: Pick<IndexStore, 'listDocuments' | 'getDocument'>): Promise<Document[]> {
  const metas = await store.listDocuments();
  const documents = await Promise.all(metas.map((m) => store.getDocument(m.id)));
  return documents.filter((d): d is Document => d !== null);
}
