// Ingest while 200 questions are asked of the same runtime: no errors, and every answer keeps the Answer contract.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestPaths } from '../../src/adapter/node/runtime.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { expectValidAnswer } from './support/answer-check.js';
import { recordFigures } from './support/figures.js';
import { BULLETINS, writeBulletins } from './support/synthetic-corpus.js';

const QUERIES = 200;
const PARALLEL = 8;
const QUESTIONS = [
  'What can Ofcom fine under the Online Safety Act?',
  'Which country first blocked Grok?',
  'How much can the Harbour Authority fine operator 42?',
  'What must operator 7 publish after a notice?',
  'What is the capital of Peru?',
];

let fixture: FixtureIndex;
let bulletins: string;
beforeAll(async () => {
  fixture = await buildFixtureIndex();
  bulletins = await mkdtemp(join(tmpdir(), 'remit-bulletins-'));
  await writeBulletins(bulletins, 1);
});
afterAll(async () => {
  await fixture?.cleanup();
  await rm(bulletins, { recursive: true, force: true });
});

it(`answers ${QUERIES} questions validly while ${BULLETINS} documents are ingested`, { timeout: 60_000 }, async () => {
  const { runtime } = fixture;
  let ingesting = true;
  const ingest = ingestPaths(runtime, [bulletins]).finally(() => (ingesting = false));
  let next = 0;
  let duringIngest = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < QUERIES) {
      const question = QUESTIONS[next++ % QUESTIONS.length]!;
      try {
        await expectValidAnswer(await runtime.ask.ask({ question }), (id) => runtime.store.getDocument(id));
        if (ingesting) duringIngest++;
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all([ingest, ...Array.from({ length: PARALLEL }, worker)]);
  const report = await ingest;
  expect(failures).toEqual([]);
  expect(report.added).toHaveLength(BULLETINS);
  expect((await runtime.store.info())?.documents).toBe(5 + BULLETINS);
  // The queries really overlapped the ingest, not just ran before or after it.
  expect(duringIngest).toBeGreaterThan(0);
  const after = await runtime.ask.ask({ question: 'How much can the Harbour Authority fine operator 42?' });
  expect(after.answer).toMatch(/operator 42/);
  recordFigures('concurrent-ingest', { queries: QUERIES, parallel: PARALLEL, answeredDuringIngest: duringIngest, documentsIngested: BULLETINS, failures: failures.length });
});
