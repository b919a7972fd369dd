// SIGKILL real `remit` processes at random points while they write the index (an ingest that replaces documents, an
// ingest --prune that moves and deletes files, an upload to a running server): every time the index opens whole with
// exactly the documents before or after the operation, and its committed powers table matches them. A bounded run of
// the campaign scripts/kill-campaign.ts runs at length (100+ kills). The work is fixed (kills, documents); the timeout
// only guards against a hang, so a loaded machine makes the test slower, not red.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFigures } from './support/figures.js';
import { runKillCampaign } from './support/kill-campaign.js';

const KILLS = 6;
const BULLETINS = 30;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-kill-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it(`survives ${KILLS} SIGKILLs across ingest, prune and upload, losing nothing`, { timeout: 900_000 }, async () => {
  const result = await runKillCampaign({ root, kills: KILLS, bulletins: BULLETINS, seed: 10, completeEvery: 3 });
  expect(result.kills).toEqual({ ingest: 2, prune: 2, upload: 2 });
  expect(result.served.before + result.served.after).toBe(KILLS);
  expect(result.powers).toBeGreaterThan(5);
  console.log(`kills: ${KILLS} SIGKILLs, before ${result.served.before}x, after ${result.served.after}x, every index whole, powers table matching`);
  recordFigures('ingest-kill', { kills: KILLS, byOperation: result.kills, documents: result.documents, served: result.served, completions: result.completions, checks: result.checks, lost: 0, mixed: 0, powersMismatches: 0 });
});
