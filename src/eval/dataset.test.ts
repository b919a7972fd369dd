import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRemitError } from '../core/errors.js';
import { CORPUS_DIR, NEWS_DIR, REPO_ROOT } from '../../test/support/paths.js';
import { factPattern, parseDataset } from './dataset.js';
import { loadDatasetFile } from './load-dataset.js';

const good = { id: 'a', question: 'What can Ofcom fine?', facts: ['18 million'], docs: ['004.txt'], tags: ['fines'] };

describe('parseDataset', () => {
  it('tags each case with its dataset and defaults unanswerable to false', () => {
    const [c] = parseDataset(`${JSON.stringify(good)}\n\n`, 'news');
    expect(c).toMatchObject({ id: 'a', dataset: 'news', unanswerable: false });
  });

  it('reports every bad line with its number and field', () => {
    const lines = [
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...good, id: 'b', facts: ['(unclosed'] }),
      JSON.stringify({ ...good, id: 'c', unanswerable: true }),
      JSON.stringify({ ...good, id: 'a' }),
      JSON.stringify({ ...good, id: 'd', docs: ['corpus/x.md'], extra: 1 }),
    ].join('\n');
    let error: unknown;
    try {
      parseDataset(lines, 'bad');
    } catch (e) {
      error = e;
    }
    expect(isRemitError(error) && error.code).toBe('bad_input');
    const message = (error as Error).message;
    expect(message).toContain('line 2, (line): not valid JSON');
    expect(message).toContain('line 3, facts.0: not a valid regular expression');
    expect(message).toContain('line 4, facts: an unanswerable case states no facts');
    expect(message).toContain('line 5, id: duplicate id "a" (first on line 1)');
    expect(message).toContain('line 6, docs.0: expected a file basename');
    expect(message).toMatch(/line 6, \(case\): .*extra/i);
  });

  it('refuses an empty dataset', () => {
    expect(() => parseDataset('\n', 'empty')).toThrow(/no cases/);
  });
});

describe('evals/news.jsonl', async () => {
  const cases = await loadDatasetFile(resolve(REPO_ROOT, 'evals/news.jsonl'));

  it('holds at least 35 cases, 8 of them unanswerable or tricks', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    expect(cases.filter((c) => c.unanswerable).length).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((c) => c.dataset))).toEqual(new Set(['news']));
  });

  // News cases may also name the corpus explainers that carry the same passage (the gate indexes both).
  it('states facts that every listed document really carries', async () => {
    for (const c of cases) {
      for (const doc of c.docs) {
        const text = await readFile(resolve(NEWS_DIR, doc), 'utf8').catch(() => readFile(resolve(CORPUS_DIR, doc), 'utf8')).catch(() => {
          throw new Error(`${c.id}: ${doc} is in neither ${NEWS_DIR} nor ${CORPUS_DIR}`);
        });
        for (const fact of c.facts) expect(factPattern(fact).test(text), `${c.id}: /${fact}/ in ${doc}`).toBe(true);
      }
    }
  });
});
