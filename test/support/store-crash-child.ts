// Child process for the store crash test: replaces every stored document with a new generation in one big commit.
// Usage: node --import tsx test/support/store-crash-child.ts <dir> <generation>
// Prints "ready" just before committing and "done <ms>" after, so the parent can kill it mid-commit.
import { openLanceStore } from '../../src/adapter/node/lancedb/lancedb.js';
import { CRASH_DIMENSIONS, crashGeneration } from './store-crash-docs.js';
import { change } from './store-docs.js';

const [dir, generation] = process.argv.slice(2);
if (!dir || !generation) throw new Error('usage: store-crash-child.ts <dir> <generation>');

const store = await openLanceStore({ dir, retainVersionsMs: 0 });
const remove = [...(await store.origins()).values()].map((d) => d.id);
const add = crashGeneration(generation);
process.stdout.write('ready\n');
const started = performance.now();
await store.commit(change(CRASH_DIMENSIONS, add, remove));
process.stdout.write(`done ${Math.round(performance.now() - started)}\n`);
await store.close();
