// Datasets that carry their own documents (evals/<name>/ beside evals/<name>.jsonl) are answered from an index of
// those documents alone, built in a temporary folder for the run and removed after it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths, openRuntime, type Runtime, type RuntimeOptions } from '../adapter/node/runtime.js';
import { datasetDocumentsDir, datasetName } from './load-dataset.js';
import type { EvalIndex } from './run.js';

export interface DatasetIndexes {
  /** By dataset name, with the runtime that answers from it. */
  indexes: Map<string, EvalIndex & { runtime: Runtime }>;
  close(): Promise<void>;
}

/** One temporary index per dataset file in `paths` that carries documents; the others are answered from the main index. */
export async function openDatasetIndexes(paths: readonly string[], runtime: Pick<RuntimeOptions, 'embedder' | 'modelDir' | 'warn'> = {}): Promise<DatasetIndexes> {
  const opened: { dir: string; runtime: Runtime }[] = [];
  const indexes = new Map<string, EvalIndex & { runtime: Runtime }>();
  const close = async () => {
    for (const { dir, runtime: open } of opened.splice(0)) {
      await open.close();
      await rm(dir, { recursive: true, force: true });
    }
  };
  try {
    for (const path of paths) {
      const documents = await datasetDocumentsDir(path);
      if (!documents) continue;
      const dir = await mkdtemp(join(tmpdir(), `remit-eval-${datasetName(path)}-`));
      const open = await openRuntime({ db: dir, ...runtime });
      opened.push({ dir, runtime: open });
      await ingestPaths(open, [documents]);
      indexes.set(datasetName(path), { ask: open.ask, getDocument: (id) => open.store.getDocument(id), runtime: open });
    }
    return { indexes, close };
  } catch (error) {
    await close();
    throw error;
  }
}
