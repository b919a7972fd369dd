// A misspelt question word retrieves nothing of its own: the ask pipeline corrects it from what a first retrieval
// found and searches again, on a real index of the default corpus.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildFixtureIndex, type FixtureIndex } from './support/fixture-index.js';

let fixture: FixtureIndex;
beforeAll(async () => {
  fixture = await buildFixtureIndex({ corpus: true });
}, 120_000);
afterAll(async () => {
  await fixture?.cleanup();
});

const origins = async (query: string) => (await fixture.runtime.retriever.retrieve(query, { k: 8 })).map((hit) => hit.document.origin);

it('searches again with the misspelt word corrected, and says which query it searched', async () => {
  const question = 'How many users does a platform need to count as a gatekeper?';
  const answer = await fixture.runtime.ask.ask({ question, mode: 'extractive' });
  expect(answer.query).toMatch(/\bgatekeepers?\b/);
  // Not vacuous: the misspelt query misses the page on gatekeepers, the corrected one finds it.
  expect((await origins(question)).some((o) => o.endsWith('eu-dma-gatekeepers-and-designation.md'))).toBe(false);
  expect((await origins(answer.query!)).some((o) => o.endsWith('eu-dma-gatekeepers-and-designation.md'))).toBe(true);
}, 60_000);

it('leaves a question without unknown words, and a name the sources lack, as asked', async () => {
  for (const question of ['What can Ofcom fine under the Online Safety Act?', 'How much did Ofcom fine Zorblax Freight?']) {
    expect((await fixture.runtime.ask.ask({ question, mode: 'extractive' })).query).toBeUndefined();
  }
}, 60_000);
