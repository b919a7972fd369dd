import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, NEWS_DIR } from '../../test/support/paths.js';
import { extractPowers } from '../core/powers/extract.js';
import { loadPaths } from '../../test/support/sources.js';
import { cardFields } from './powers-view.js';

describe('cards from the real corpus', async () => {
  const { documents } = await loadPaths([CORPUS_DIR, NEWS_DIR]);
  const powers = extractPowers(documents);

  it('shows only filled fields, each with its quotes', () => {
    const fine = powers.find((p) => p.regulator === 'Ofcom' && p.kind === 'fine')!;
    const fields = cardFields(fine);
    expect(fields.map((f) => f.label)).toEqual(['Statute', 'Provision', 'Limit', 'Decided by']);
    expect(fields.find((f) => f.label === 'Limit')!.value).toBe('£18m or 10% of qualifying worldwide revenue (greater of)');
    for (const f of fields) expect(f.quotes.length).toBeGreaterThan(0);
  });
});
