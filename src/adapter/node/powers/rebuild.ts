// `remit powers --rebuild`: every document's power facts extracted again (Claude's too when a key is set) and
// committed in place, so the powers table is rebuilt with the index. Reads every document's text: an explicit rebuild.
import { ingestedVia } from '../../../core/ingest/ingest.js';
import type { PowersTable } from '../../../core/powers/schema.js';
import type { Runtime } from '../runtime.js';

export async function rebuildPowersTable(runtime: Pick<Runtime, 'store' | 'embedder' | 'powerFacts'>, warn: (line: string) => void): Promise<PowersTable | null> {
  const { store, embedder } = runtime;
  const origins = await store.origins();
  const rewrite = [];
  for (const meta of await store.listDocuments()) {
    const document = await store.getDocument(meta.id);
    if (!document) continue;
    const { powers, warning } = await runtime.powerFacts(document);
    if (warning) warn(`${document.origin}: ${warning}`);
    rewrite.push({ document, powers, via: ingestedVia(document.origin, origins.get(document.origin) ?? {}) });
  }
  if (rewrite.length === 0) return null;
  await store.commit({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, documents: [], chunks: [], rewrite, remove: [], regroup: [] });
  return (await store.powers?.()) ?? null;
}
