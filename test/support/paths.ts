// Where tests find the shared ground-truth articles. They are read at run time and never copied into the repo.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NEWS_DIR = process.env.REMIT_NEWS_DIR ?? resolve(REPO_ROOT, '../shared/corpus/news');
export const CORPUS_DIR = resolve(REPO_ROOT, 'corpus');

if (!existsSync(NEWS_DIR)) {
  throw new Error(`The shared news articles are missing at ${NEWS_DIR}; set REMIT_NEWS_DIR to their folder.`);
}

export const newsFile = (name: string): string => resolve(NEWS_DIR, name);
