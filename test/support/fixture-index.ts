// A real index in a temp folder, built from the shared news articles (and optionally the project corpus).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestReport } from '../../src/core/ingest/ingest.js';
import { ingestPaths, openRuntime, type Runtime, type RuntimeOptions } from '../../src/adapter/node/runtime.js';
import { CORPUS_DIR, NEWS_DIR } from './paths.js';

export interface FixtureIndex {
  dir: string;
  runtime: Runtime;
  report: IngestReport;
  cleanup(): Promise<void>;
}

export async function buildFixtureIndex(
  options: { news?: boolean; corpus?: boolean; extraPaths?: string[]; runtime?: Partial<RuntimeOptions> } = {},
): Promise<FixtureIndex> {
  const dir = await mkdtemp(join(tmpdir(), 'remit-fixture-'));
  const paths = [...(options.news === false ? [] : [NEWS_DIR]), ...(options.corpus ? [CORPUS_DIR] : []), ...(options.extraPaths ?? [])];
  const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {}, ...options.runtime });
  const report = await ingestPaths(runtime, paths);
  return {
    dir,
    runtime,
    report,
    cleanup: async () => {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
