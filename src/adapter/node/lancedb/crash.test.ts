// Crash safety: an ingest SIGKILLed at any moment leaves an index that serves the old or the new state, never a mix.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../test/support/paths.js';
import { CRASH_DIMENSIONS, crashGeneration } from '../../../../test/support/store-crash-docs.js';
import { change, seededRandom } from '../../../../test/support/store-docs.js';
import { connect } from '@lancedb/lancedb';
import { searchChunks } from '../../../core/store/index-store.js';
import { openLanceStore } from './lancedb.js';
import { readState } from './state-file.js';

const CHILD = join(REPO_ROOT, 'test/support/store-crash-child.ts');
const ROUNDS = 8;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runChild(generation: string): { child: ChildProcess; ready: Promise<void>; exit: Promise<{ done: number | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, generation], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (data: Buffer) => {
    out += data.toString();
    if (out.includes('ready\n')) onReady();
  });
  child.stderr!.on('data', (data: Buffer) => (err += data.toString()));
  const exit = new Promise<{ done: number | null }>((resolve, reject) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`crash child failed (${code}): ${err.slice(-2000)}`));
      const done = /done (\d+)/.exec(out);
      resolve({ done: done ? Number(done[1]) : null });
    }),
  );
  // A child that dies before "ready" must not leave the test waiting.
  void exit.then(onReady, onReady);
  return { child, ready, exit };
}

async function refill(generation: string): Promise<void> {
  const store = await openLanceStore({ dir, retainVersionsMs: 0 });
  const previous = [...(await store.origins()).values()].map((d) => d.id);
  await store.commit(change(CRASH_DIMENSIONS, crashGeneration(generation), previous));
  await store.close();
}

/** True when a table holds versions past the committed ones: a killed commit had already written. */
async function hasLeftovers(): Promise<boolean> {
  const state = (await readState(dir))!;
  const db = await connect(dir);
  try {
    for (const [name, version] of Object.entries(state.versions)) {
      const table = await db.openTable(name);
      const latest = await table.version();
      table.close();
      if (latest > version) return true;
    }
    return false;
  } finally {
    db.close();
  }
}

const idsOf = (generation: string) => crashGeneration(generation).map((d) => d.document.id).sort();

/** Opens the index fresh and checks it is exactly one generation, internally consistent; returns which one. */
async function generationOnDisk(candidates: string[]): Promise<string> {
  const store = await openLanceStore({ dir, readOnly: true });
  try {
    const ids = (await store.listDocuments()).map((d) => d.id).sort();
    const generation = candidates.find((g) => JSON.stringify(idsOf(g)) === JSON.stringify(ids));
    expect(generation, `documents are a mix: ${ids.slice(0, 3).join(', ')}...`).toBeDefined();
    const info = (await store.info())!;
    const signatures = await store.signatures();
    expect(info.documents).toBe(ids.length);
    expect(signatures.length).toBe(info.chunks);
    expect(new Set(signatures.map((s) => s.docId))).toEqual(new Set(ids));
    // Document 77 has no mirror passage "Passage 77 of … document 3" (only 50 passages a document), so the words are unique.
    const hits = await searchChunks(store, { text: `Passage 3 of ${generation} document 77` }, 5);
    expect(hits[0]!.chunk.docId).toBe(`doc_${generation}-77`);
    return generation!;
  } finally {
    await store.close();
  }
}

it('survives SIGKILL at random points of a commit and completes the next one', { timeout: 300_000 }, async () => {
  await refill('g0');
  // Calibrate on an incremental commit (the first one creates the tables, a different path).
  const calibration = await runChild('g00').exit;
  expect(calibration.done).not.toBeNull();
  expect(await generationOnDisk(['g00'])).toBe('g00');

  const random = seededRandom(7);
  let current = 'g00';
  const outcomes = { old: 0, new: 0, torn: 0 };
  for (let round = 1; round <= ROUNDS; round++) {
    const next = `g${round}`;
    const { child, ready, exit } = runChild(next);
    await ready;
    // Spread kills over the whole commit, a little past its usual length so some land after it.
    await sleep(random() * calibration.done! * 1.2);
    child.kill('SIGKILL');
    await exit;

    const seen = await generationOnDisk([current, next]);
    outcomes[seen === current ? 'old' : 'new']++;
    if (await hasLeftovers()) outcomes.torn++;

    // The next ingest after a crash completes and is exactly what it committed.
    const after = `p${round}`;
    const store = await openLanceStore({ dir, retainVersionsMs: 0 });
    const previous = [...(await store.origins()).values()].map((d) => d.id);
    await store.commit(change(CRASH_DIMENSIONS, crashGeneration(after, 5, 4), previous));
    await store.close();
    const small = await openLanceStore({ dir, readOnly: true });
    expect((await small.listDocuments()).map((d) => d.id).sort()).toEqual(crashGeneration(after, 5, 4).map((d) => d.document.id).sort());
    await small.close();
    // Put a full generation back so the next kill interrupts a commit of the same size.
    await refill(`r${round}`);
    current = `r${round}`;
  }
  console.log(
    `crash test: old state served ${outcomes.old}x, new ${outcomes.new}x; killed after writing tables (rolled back next commit) ${outcomes.torn}x`,
  );
  // Proves the kills hit the dangerous window: tables written, state.json not yet moved.
  expect(outcomes.torn).toBeGreaterThan(0);
});
