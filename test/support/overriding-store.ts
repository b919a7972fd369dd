// A real store with some of its methods replaced: to count a store's reads, or to land a commit at a chosen moment.
import type { IndexStore } from '../../src/core/store/index-store.js';

const METHODS = [
  'info',
  'listDocuments',
  'getDocument',
  'getDocumentMeta',
  'origins',
  'signatures',
  'commit',
  'searchVector',
  'searchText',
  'readChunks',
  'sharedGroupMembers',
  'close',
] as const satisfies readonly (keyof IndexStore)[];

/** Methods a store may leave out: forwarded when it has them. */
const OPTIONAL_METHODS = ['warm', 'verify', 'vectorSearch', 'indexed'] as const satisfies readonly (keyof IndexStore)[];

export function overridingStore(store: IndexStore, overrides: Partial<IndexStore>): IndexStore {
  // Bound one by one: LanceStore keeps its state in private fields, which a prototype-based wrapper cannot reach.
  const forwarded = Object.fromEntries(METHODS.map((name) => [name, store[name].bind(store)])) as unknown as IndexStore;
  for (const name of OPTIONAL_METHODS) if (store[name]) (forwarded as unknown as Record<string, unknown>)[name] = store[name].bind(store);
  return { ...forwarded, ...overrides };
}
