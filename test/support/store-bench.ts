// Store timings: `node --import tsx test/support/store-bench.ts [dimensions]`. Synthetic 50-word chunks, random vectors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import { TEXT_INDEX_CONFIG } from '../../src/adapter/node/lancedb/apply-change.js';
import { chunksToArrow } from '../../src/adapter/node/lancedb/record-batches.js';
import { openLanceStore } from '../../src/adapter/node/lancedb/lancedb.js';
import { CHUNKS_TABLE, TEXT_INDEX } from '../../src/adapter/node/lancedb/tables.js';
import { change, makeDoc, randomUnitVector, seededRandom } from './store-docs.js';

const dimensions = Number(process.argv[2] ?? 384);
const random = seededRandom(1);
const WORDS = 'ofcom fine online safety act platform regulator children harm illegal content duty ban court appeal revenue service provider police report notice enforcement investigation age assurance'.split(' ');
const sentence = (tag: string) => `${Array.from({ length: 50 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')} ${tag}.`;
const docs = (prefix: string, count: number, chunks = 20) =>
  Array.from({ length: count }, (_, d) => makeDoc(`${prefix}${d}`, Array.from({ length: chunks }, (_, c) => sentence(`${prefix}${d}x${c}`)), { dimensions, random }));

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${label.padEnd(44)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
  return result;
}

async function median(label: string, run: () => Promise<unknown>, times = 20): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} ${samples[times >> 1]!.toFixed(1).padStart(6)} ms (median of ${times})`);
}

const dir = await mkdtemp(join(tmpdir(), 'remit-store-bench-'));
try {
  console.log(`dimensions ${dimensions}`);
  const small = await openLanceStore({ dir: join(dir, 'a') });
  await time('commit 1k chunks (new index)', () => small.commit(change(dimensions, docs('a', 50))));
  await time('commit +1k chunks (incremental)', () => small.commit(change(dimensions, docs('b', 50))));
  await small.close();

  const store = await openLanceStore({ dir: join(dir, 'b') });
  await time('commit 10k chunks (new index)', () => store.commit(change(dimensions, docs('c', 500))));
  await time('commit +1k chunks into 10k (incremental)', () => store.commit(change(dimensions, docs('d', 50))));
  await time('commit replace 1 document of 11k chunks', () => store.commit(change(dimensions, docs('c', 1, 20), ['doc_c0'])));
  const query = randomUnitVector(dimensions, random);
  await median('searchVector k=32 over 11k', () => store.searchVector(query, 32));
  await median('searchText k=32 over 11k', () => store.searchText('What can the regulator fine a platform for illegal content?', 32));
  await median('sharedGroupMembers (8 groups)', () => store.sharedGroupMembers(['doc_c1#0', 'doc_c2#1', 'doc_c3#2', 'doc_c4#3', 'doc_c5#4', 'doc_c6#5', 'doc_c7#6', 'doc_c8#7']), 10);
  await time('signatures() of 11k chunks', () => store.signatures());
  await time('reopen', () => openLanceStore({ dir: join(dir, 'b'), readOnly: true }).then((s) => s.close()));
  await store.close();

  // Keeping the text index fresh: re-create it, or let optimize() fold new rows in (what commit does).
  const db = await connect(join(dir, 'b'));
  const table = await db.openTable(CHUNKS_TABLE);
  await time('FTS: re-create index over 11k', () => table.createIndex('text', { config: TEXT_INDEX_CONFIG(), name: TEXT_INDEX, replace: true }));
  await table.add(chunksToArrow(docs('e', 50).flatMap((d) => d.chunks), dimensions));
  await time('FTS: optimize() after +1k rows', () => table.optimize());
  console.log('index after optimize', await table.indexStats(TEXT_INDEX));
  table.close();
  db.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
