import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, NEWS_DIR } from '../../test/support/paths.js';
import { extractPowers } from '../core/powers/extract.js';
import { loadPaths } from '../../test/support/sources.js';
import { cardFields, comparisonRows, powersIntent } from './powers-view.js';

describe('powersIntent', () => {
  it.each([
    ['What can Ofcom fine under the Online Safety Act?', { view: 'cards', regulator: 'Ofcom' }],
    ['What powers does the eSafety Commissioner have?', { view: 'cards', regulator: 'eSafety Commissioner' }],
    ['How does Ofcom compare with the EU?', { view: 'compare', regimes: ['uk', 'eu', 'au'] }],
    ['UK vs Australia: who can block a platform?', { view: 'compare', regimes: ['uk', 'eu', 'au'] }],
  ])('%s', (question, intent) => expect(powersIntent(question)).toEqual(intent));

  it('stays out of questions that are not about powers', () => {
    expect(powersIntent('What did Elon Musk say about the UK government?')).toBeUndefined();
    expect(powersIntent('What is the maximum fine?')).toBeUndefined(); // no regulator named
  });
});

describe('cards and comparison from the real corpus', async () => {
  const { documents } = await loadPaths([CORPUS_DIR, NEWS_DIR]);
  const powers = extractPowers(documents);

  it('shows only filled fields, each with its quotes', () => {
    const fine = powers.find((p) => p.regulator === 'Ofcom' && p.kind === 'fine')!;
    const fields = cardFields(fine);
    expect(fields.map((f) => f.label)).toEqual(['Statute', 'Provision', 'Limit', 'Decided by']);
    expect(fields.find((f) => f.label === 'Limit')!.value).toBe('£18m or 10% of qualifying worldwide revenue (greater of)');
    for (const f of fields) expect(f.quotes.length).toBeGreaterThan(0);
  });

  it('lines up the UK, EU and Australian regimes kind by kind', () => {
    const rows = comparisonRows(powers);
    const fine = rows.find((r) => r.kind === 'fine')!;
    expect(fine.cells.map((c) => c.text)).toEqual(['£18m or 10% of qualifying worldwide revenue (greater of)', '6% of total worldwide annual turnover', 'yes']);
    const blocking = rows.find((r) => r.kind === 'blocking_order')!;
    expect(blocking.cells.map((c) => c.text)).toEqual(['yes, by court order', 'yes', 'yes, by court order']);
    expect(rows.find((r) => r.kind === 'removal_notice')!.cells.map((c) => c.text)).toEqual(['—', '—', 'yes']);
  });
});
