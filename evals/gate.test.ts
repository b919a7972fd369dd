// The eval gate in `npm test`: builds the fixture index (news + corpus) and an index for each dataset that carries its
// own documents, runs every dataset offline and fails when a metric, overall or in a named set, is outside a threshold.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkThresholds, parseThresholds } from '../src/eval/gate.js';
import { OverlapJudge } from '../src/eval/judge/overlap.js';
import { type DatasetIndexes, openDatasetIndexes } from '../src/eval/dataset-indexes.js';
import { listDatasets, loadDatasets } from '../src/eval/load-dataset.js';
import { renderTerminalReport } from '../src/eval/report.js';
import type { EvalReport } from '../src/eval/report-schema.js';
import { runEval } from '../src/eval/run.js';
import { buildFixtureIndex, type FixtureIndex } from '../test/support/fixture-index.js';
import { REPO_ROOT } from '../test/support/paths.js';

const EVALS_DIR = resolve(REPO_ROOT, 'evals');

describe('eval gate (extractive answers, offline judge)', () => {
  let fixture: FixtureIndex;
  let own: DatasetIndexes | undefined;
  let report: EvalReport;

  beforeAll(async () => {
    fixture = await buildFixtureIndex({ corpus: true });
    const paths = await listDatasets(EVALS_DIR);
    const cases = await loadDatasets(paths);
    own = await openDatasetIndexes(paths, { embedder: 'hashing', warn: () => {} });
    report = await runEval({
      ask: fixture.runtime.ask,
      getDocument: (id) => fixture.runtime.store.getDocument(id),
      indexes: own.indexes,
      cases,
      judge: new OverlapJudge(),
      mode: 'extractive',
    });
  }, 180_000);

  afterAll(async () => {
    await own?.close();
    await fixture?.cleanup();
  });

  it('keeps every metric within evals/thresholds.json', async () => {
    const thresholds = parseThresholds(JSON.parse(await readFile(resolve(EVALS_DIR, 'thresholds.json'), 'utf8')), 'evals/thresholds.json');
    const breaches = checkThresholds(report, thresholds);
    console.log(renderTerminalReport(report, { breaches }));
    expect(report.judge).toBe(thresholds.judge ?? report.judge);
    expect(breaches).toEqual([]);
  });
});
