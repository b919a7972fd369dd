import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { syntheticCorpus } from './corpus.js';

describe('syntheticCorpus', () => {
  it('is deterministic for a seed and yields exactly the chunks asked for', async () => {
    const a = await syntheticCorpus({ chunks: 300, seed: 11 });
    const b = await syntheticCorpus({ chunks: 300, seed: 11 });
    expect(a).toEqual(b);
    expect(a.documents.reduce((n, d) => n + chunkDocument(d).length, 0)).toBe(300);
    expect(new Set(a.documents.map((d) => d.id)).size).toBe(a.documents.length);
    expect(a.queries.length).toBeGreaterThan(50);
  });

  it('differs between seeds and carries syndicated near-copies', async () => {
    const a = await syntheticCorpus({ chunks: 300, seed: 11, syndicatedShare: 0.5 });
    const b = await syntheticCorpus({ chunks: 300, seed: 12 });
    expect(a.documents[0]!.text).not.toBe(b.documents[0]!.text);
    expect(a.documents.some((d) => /^Reporting by /m.test(d.text))).toBe(true);
  });
});
