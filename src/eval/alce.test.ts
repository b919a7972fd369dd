import { describe, expect, it } from 'vitest';
import { judgeCitations } from './alce.js';
import { claimsOf } from './claims.js';
import { OverlapJudge } from './judge/overlap.js';

const passages = new Map([
  [1, 'Ofcom can fine businesses up to £18m or 10% of global revenue.'],
  [2, 'Indonesia was the first state to block access to Grok.'],
  [3, 'Ofcom can also ask the courts to order payment providers to stop working with a site.'],
]);
const judge = new OverlapJudge();

describe('judgeCitations (ALCE)', () => {
  it('scores a fully supported answer 1 and 1', async () => {
    const q = await judgeCitations(claimsOf('Ofcom can fine businesses up to £18 million [1]. Indonesia was the first country to block Grok [2].'), passages, judge);
    expect(q).toMatchObject({ recall: 1, precision: 1, citations: 2 });
  });

  it('marks a citation unneeded when it neither supports alone nor is needed by the rest', async () => {
    const q = await judgeCitations(claimsOf('Ofcom can fine businesses up to £18 million [1][2].'), passages, judge);
    expect(q.sentences[0]).toMatchObject({ supported: true, unneeded: [2] });
    expect(q.precision).toBe(0.5);
  });

  it('needs both citations when only their concatenation supports the sentence', async () => {
    const text = 'Ofcom can fine businesses up to £18m and ask courts to order payment providers to stop working with a site [1][3].';
    const q = await judgeCitations(claimsOf(text), passages, judge);
    expect(q.sentences[0]).toMatchObject({ supported: true, unneeded: [] });
    expect(q).toMatchObject({ recall: 1, precision: 1 });
  });

  it('counts uncited, wrongly cited and dangling sentences as unsupported, and their citations as imprecise', async () => {
    const q = await judgeCitations(
      claimsOf('Ofcom can fine businesses up to £18 million. Indonesia was the first to block Grok [1]. Ofcom acts [9]. Ofcom can fine up to £18 million [1].'),
      passages,
      judge,
    );
    expect(q.sentences.map((s) => s.supported)).toEqual([false, false, false, true]);
    expect(q.recall).toBe(0.25);
    expect(q.precision).toBeCloseTo(1 / 3);
  });

  it('has nothing to score without claims', async () => {
    expect(await judgeCitations([], passages, judge)).toMatchObject({ recall: null, precision: null });
  });
});
