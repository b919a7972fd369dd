import { describe, expect, it } from 'vitest';
import { estimatedJaccard, groupNearDuplicates, minHashSignature } from './dedup.js';

const story =
  'The regulator said it had opened an investigation into the platform after reports that its chatbot produced sexualised images of real people without consent, and that it would decide within weeks whether the company had broken the law.';
const rewritten = story.replace('The regulator said', 'The watchdog confirmed').replace('within weeks', 'within a few weeks');
const unrelated =
  'Parliament approved the budget on Tuesday after a long debate about rail fares, school funding and the cost of energy for households in the north of England.';

const signed = (chunkId: string, docId: string, text: string, dupGroup?: string) => ({
  chunkId,
  docId,
  signature: minHashSignature(text),
  dupGroup,
});

describe('near-duplicate detection', () => {
  it('estimates Jaccard: identical text 1, light edits high, unrelated text near 0', () => {
    expect(estimatedJaccard(minHashSignature(story), minHashSignature(story))).toBe(1);
    expect(estimatedJaccard(minHashSignature(story), minHashSignature(story.toUpperCase().replace(/’/g, "'")))).toBe(1);
    expect(estimatedJaccard(minHashSignature(story), minHashSignature(rewritten))).toBeGreaterThan(0.5);
    expect(estimatedJaccard(minHashSignature(story), minHashSignature(unrelated))).toBeLessThan(0.15);
  });

  it('groups syndicated copies across documents but never within one document', () => {
    const { groupOf } = groupNearDuplicates([], [
      signed('a:0', 'a', story),
      signed('b:3', 'b', rewritten),
      signed('c:1', 'c', unrelated),
      signed('a:1', 'a', story),
    ]);
    expect(groupOf.get('b:3')).toBe(groupOf.get('a:0'));
    expect(groupOf.get('c:1')).toBe('c:1');
    // a:1 joins through b:3 (a copy in another document), which is the transitive, intended reading.
    expect(new Set(groupOf.values()).size).toBe(2);
  });

  it('groups a document of one passage repeated 40,000 times in work linear in its chunks (pairs within it were all compared)', () => {
    const signature = minHashSignature(story);
    const big = Array.from({ length: 40_000 }, (_, i) => ({ chunkId: `big:${i}`, docId: 'big', signature }));
    const { groupOf } = groupNearDuplicates([], [...big, signed('copy:0', 'copy', rewritten), signed('other:0', 'other', unrelated)]);
    // The copy in another document joins every one of them; nothing within the big document alone merges.
    expect(new Set(big.map((c) => groupOf.get(c.chunkId)))).toEqual(new Set([groupOf.get('copy:0')]));
    expect(groupOf.get('other:0')).toBe('other:0');
    const alone = groupNearDuplicates([], big.slice(0, 1000)).groupOf;
    expect(new Set(alone.values()).size).toBe(1000);
  });

  it('keeps existing group ids and reports existing chunks whose group changed', () => {
    const { groupOf, regrouped } = groupNearDuplicates(
      [signed('x:0', 'x', story, 'g-old'), signed('y:0', 'y', unrelated, 'y:0')],
      [signed('z:0', 'z', rewritten)],
    );
    expect(groupOf.get('z:0')).toBe('g-old');
    expect(regrouped).toEqual([]);
  });
});

describe('MinHash signatures', () => {
  it('stay exactly what earlier versions stored, so new passages group with indexed ones', () => {
    // Leading values computed by the first implementation (before the faster word splitting and hashing).
    const pinned: [string, number[]][] = [
      ['Ofcom can fine a provider up to £18 million or 10% of qualifying worldwide revenue, whichever is greater.', [139229793, 452644798, 212625872, 130033610, 624842264, 586148368]],
      ['Café Müller’s “fine” — naïve Über-text!', [59464698, 67937626, 1551932186, 352424915, 613497254, 273926730]],
      ['two words', [1681476061, 629592343, 1520714527, 2605458929, 2479095055, 323118458]],
    ];
    for (const [text, leading] of pinned) expect(Array.from(minHashSignature(text)).slice(0, 6)).toEqual(leading);
  });
});
