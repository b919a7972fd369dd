// The eval gate in `npm test`: builds the fixture index (news + corpus), runs every dataset offline and fails below a threshold.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkThresholds, parseThresholds } from '../src/eval/gate.js';
import { OverlapJudge } from '../src/eval/judge/overlap.js';
import { listDatasets, loadDatasets } from '../src/eval/load-dataset.js';
import { renderTerminalReport } from '../src/eval/report.js';
import type { EvalReport } from '../src/eval/report-schema.js';
import { runEval } from '../src/eval/run.js';
import { buildFixtureIndex, type FixtureIndex } from '../test/support/fixture-index.js';
import { REPO_ROOT } from '../test/support/paths.js';

const EVALS_DIR = resolve(REPO_ROOT, 'evals');

describe('eval gate (extractive answers, offline judge)', () => {
  let fixture: FixtureIndex;
  let report: EvalReport;

  beforeAll(async () => {
    fixture = await buildFixtureIndex({ corpus: true });
    const cases = await loadDatasets(await listDatasets(EVALS_DIR));
    report = await runEval({
      ask: fixture.runtime.ask,
      getDocument: (id) => fixture.runtime.store.getDocument(id),
      cases,
      judge: new OverlapJudge(),
      mode: 'extractive',
    });
  }, 180_000);

  afterAll(async () => {
    await fixture?.cleanup();
  });

  it('keeps every metric within evals/thresholds.json', async () => {
    const thresholds = parseThresholds(JSON.parse(await readFile(resolve(EVALS_DIR, 'thresholds.json'), 'utf8')), 'evals/thresholds.json');
    const breaches = checkThresholds(report.overall, thresholds);
    console.log(renderTerminalReport(report, { breaches }));
    expect(report.judge).toBe(thresholds.judge ?? report.judge);
    expect(breaches).toEqual([]);
  });
});
