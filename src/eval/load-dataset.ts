// Reads dataset files from disk (Node): the name of each dataset is its file name without `.jsonl`.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readTextFile } from '../adapter/node/read-json-file.js';
import { createError } from '../core/errors.js';
import { type DatasetCase, parseDataset } from './dataset.js';

export const datasetName = (path: string): string => basename(path).replace(/\.jsonl$/i, '');

export async function loadDatasetFile(path: string): Promise<DatasetCase[]> {
  const hint = 'Pass an existing .jsonl file with --dataset.';
  const text = await readTextFile(path, { code: 'not_found', hint });
  if (text === null) throw createError({ code: 'not_found', message: `Cannot read dataset ${path}`, hint });
  return parseDataset(text, datasetName(path));
}

/** Every `*.jsonl` file in a folder, in name order. */
export async function listDatasets(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(dir, n));
}

/** Loads several datasets; a case id must be unique within its dataset only. */
export async function loadDatasets(paths: readonly string[]): Promise<DatasetCase[]> {
  if (!paths.length) throw createError({ code: 'bad_input', message: 'No eval datasets found', hint: 'Add evals/*.jsonl or pass --dataset.' });
  return (await Promise.all(paths.map(loadDatasetFile))).flat();
}

/**
 * The documents a dataset carries, if any: a folder named like the dataset beside it (`evals/other-style/` for
 * `evals/other-style.jsonl`). Such a dataset is answered from an index of those documents alone.
 */
export async function datasetDocumentsDir(path: string): Promise<string | undefined> {
  const dir = join(dirname(path), datasetName(path));
  return (await stat(dir).catch(() => undefined))?.isDirectory() ? dir : undefined;
}
