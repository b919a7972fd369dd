// SIGKILL a real `remit ingest` at random points: the index always opens and serves one whole generation, never a mix,
// and the next ingest completes what the killed one started.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openRuntime } from '../../src/adapter/node/runtime.js';
import { seededRandom } from '../support/store-docs.js';
import { recordFigures } from './support/figures.js';
import { runRemit, startRemit } from './support/remit-child.js';
import { BULLETINS, generationOfTitle, writeBulletins } from './support/synthetic-corpus.js';

const KILLS = 15;
/** A completing (unkilled) ingest runs after every this many kills, and once at the end. */
const COMPLETE_EVERY = 5;

let root: string;
let docs: string;
let db: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-kill-'));
  docs = join(root, 'docs');
  db = join(root, 'db');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Opens the index as `remit ask` would and checks it is exactly one generation in listing, counts and answers. */
async function servedGeneration(question: number): Promise<number> {
  const runtime = await openRuntime({ db, warn: () => {} });
  try {
    const documents = await runtime.store.listDocuments();
    const rounds = new Set(documents.map((d) => generationOfTitle(d.title)));
    expect(rounds.size, `a mix of generations: ${[...rounds].join(', ')}`).toBe(1);
    expect(documents).toHaveLength(BULLETINS);
    const info = (await runtime.store.info())!;
    expect(info.documents).toBe(BULLETINS);
    const signatures = await runtime.store.signatures();
    expect(signatures).toHaveLength(info.chunks);
    expect(new Set(signatures.map((s) => s.docId))).toEqual(new Set(documents.map((d) => d.id)));
    const round = [...rounds][0]!;
    const answer = await runtime.ask.ask({ question: `How much can the Harbour Authority fine operator ${question}?` });
    expect(answer.abstained).toBe(false);
    for (const citation of answer.citations) {
      expect(generationOfTitle(citation.title)).toBe(round);
      expect((await runtime.store.getDocument(citation.docId))?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    expect(answer.answer).toContain(`round ${round}`);
    return round;
  } finally {
    await runtime.close();
  }
}

async function completingIngest(round: number): Promise<void> {
  const done = await runRemit(['ingest', docs, '--db', db, '--json']);
  expect(done.code, done.stderr).toBe(0);
  const report = JSON.parse(done.stdout);
  // Either it did the work, or the killed run had already committed it: never partly.
  expect(report.replaced.length + report.unchanged.length + report.added.length).toBe(BULLETINS);
  expect(await servedGeneration(round)).toBe(round);
}

it(`survives ${KILLS} SIGKILLs of remit ingest at random points`, { timeout: 120_000 }, async () => {
  await writeBulletins(docs, 0);
  const first = await runRemit(['ingest', docs, '--db', db]);
  expect(first.code, first.stderr).toBe(0);
  // Calibrate on a full replacing ingest (the bundle is built by now, so this is the steady cost).
  await writeBulletins(docs, 1);
  const calibration = await runRemit(['ingest', docs, '--db', db]);
  expect(calibration.code, calibration.stderr).toBe(0);
  expect(await servedGeneration(1)).toBe(1);

  const random = seededRandom(10);
  const outcomes = { old: 0, new: 0 };
  let current = 1;
  let target = 2;
  await writeBulletins(docs, target);
  for (let kill = 1; kill <= KILLS; kill++) {
    const run = startRemit(['ingest', docs, '--db', db]);
    await sleep(random() * calibration.ms * 1.1);
    run.child.kill('SIGKILL');
    const exit = await run.exit;
    expect(exit.signal === 'SIGKILL' || exit.code === 0, exit.stderr).toBe(true);

    const seen = await servedGeneration(1 + Math.floor(random() * (BULLETINS - 1)));
    expect([current, target]).toContain(seen);
    outcomes[seen === current ? 'old' : 'new']++;
    if (kill % COMPLETE_EVERY === 0 && seen === current) await completingIngest(target);
    if (seen === target || kill % COMPLETE_EVERY === 0) {
      current = target;
      target++;
      await writeBulletins(docs, target);
    }
  }
  await completingIngest(target);
  console.log(`ingest kills: ${KILLS} SIGKILLs, old state served ${outcomes.old}x, new ${outcomes.new}x, every index opened whole`);
  recordFigures('ingest-kill', { kills: KILLS, documents: BULLETINS, oldServed: outcomes.old, newServed: outcomes.new, completions: 1 + Math.floor(KILLS / COMPLETE_EVERY), mixed: 0 });
  expect(outcomes.old).toBeGreaterThan(0);
});
