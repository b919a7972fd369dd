import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, NEWS_DIR } from '../../../test/support/paths.js';
import { loadPaths } from '../../../test/support/sources.js';
import type { Citation } from '../schema.js';
import { extractPowers } from './extract.js';
import { type AnswerSummary, comparisonRows, OPEN_CARDS, powersForQuestion } from './for-question.js';

const { documents } = await loadPaths([CORPUS_DIR, NEWS_DIR]);
const powers = extractPowers(documents);
const ofcomKinds = new Set(powers.filter((p) => p.regulator === 'Ofcom').map((p) => p.id));

/** An answer citing the first sentence-sized passage of each named document. */
function answer(text: string, citedOrigins: string[] = [], abstained = false): AnswerSummary {
  const citations: Citation[] = citedOrigins.map((origin, i) => {
    const doc = documents.find((d) => d.origin.endsWith(origin))!;
    return { n: i + 1, docId: doc.id, title: doc.title, origin: doc.origin, quote: doc.text.slice(0, 40), start: 0, end: 40, alsoIn: [], sources: [] };
  });
  return { answer: text, abstained, citations };
}

describe('powersForQuestion: cards', () => {
  it('shows only the asked regulator’s cards of the asked kind', () => {
    const selection = powersForQuestion('What can Ofcom fine under the Online Safety Act?', powers);
    expect(selection?.view).toBe('cards');
    if (selection?.view !== 'cards') return;
    expect(selection.powers.length).toBeGreaterThan(0);
    expect(selection.powers.every((p) => p.regulator === 'Ofcom' && p.kind === 'fine')).toBe(true);
    expect(selection.powers.length).toBeLessThan(ofcomKinds.size);
  });

  it('keeps the kinds in the order asked', () => {
    const selection = powersForQuestion('Could the UK block X, and who decides?', powers);
    if (selection?.view !== 'cards') throw new Error('expected cards');
    expect(selection.powers.map((p) => p.kind)).toEqual(['blocking_order', 'business_disruption_order']);
  });

  it('with no kind asked, shows every card of the regulator, two open, those the answer’s sources back first', () => {
    const plain = powersForQuestion('What powers does Ofcom have?', powers);
    if (plain?.view !== 'cards') throw new Error('expected cards');
    expect(plain.powers).toHaveLength(ofcomKinds.size);
    expect(plain.open).toBe(OPEN_CARDS);
    expect(plain.powers[0]!.kind).toBe('fine');
    const backed = powersForQuestion('What powers does Ofcom have?', powers, answer('Senior managers can be prosecuted [1].', ['senior-managers-criminal-liability.md']));
    if (backed?.view !== 'cards') throw new Error('expected cards');
    expect(backed.powers[0]!.kind).toBe('criminal_liability');
  });

  it('shows nothing under an abstention', () => {
    const none = answer('The sources do not say.', [], true);
    expect(powersForQuestion('What can Ofcom fine under the Online Safety Act?', powers, none)).toBeUndefined();
    expect(powersForQuestion('How does Ofcom compare with the EU?', powers, none)).toBeUndefined();
  });

  it('leaves out a card whose limit disagrees with the one the answer states for that regulator and kind', () => {
    const question = 'What can Ofcom fine under the Online Safety Act?';
    expect(powersForQuestion(question, powers, answer('Ofcom can fine a provider up to £5 million [1].', ['ofcom-maximum-penalties.md']))).toBeUndefined();
    const agreeing = answer('Ofcom can fine a provider up to £18 million or 10% of its qualifying worldwide revenue, whichever is greater [1].', ['ofcom-maximum-penalties.md']);
    expect(powersForQuestion(question, powers, agreeing)?.view).toBe('cards');
    // A ceiling stated for another regulator says nothing about Ofcom's.
    const elsewhere = answer('The European Commission can fine a platform up to 6% of its worldwide turnover [1].', ['eu-dsa-fines-and-penalties.md']);
    expect(powersForQuestion(question, powers, elsewhere)?.view).toBe('cards');
  });
});

describe('powersForQuestion: comparison', () => {
  it('lines up the UK, EU and Australian regimes kind by kind', () => {
    const selection = powersForQuestion('How does Ofcom compare with the EU?', powers, answer('Ofcom can fine up to £18 million [1].', ['ofcom-maximum-penalties.md']));
    if (selection?.view !== 'compare') throw new Error('expected a comparison');
    const fine = selection.rows.find((r) => r.kind === 'fine')!;
    expect(fine.cells[0]!.text).toBe('£18m or 10% of qualifying worldwide revenue (greater of)');
    expect(fine.cells[1]!.text).toMatch(/^6%/);
    expect(fine.cells[2]!.text).toBe('yes');
    const blocking = selection.rows.find((r) => r.kind === 'blocking_order')!;
    expect(blocking.cells.map((c) => c.text)).toEqual(['yes, by court order', 'yes', 'yes, by court order']);
    expect(selection.rows.find((r) => r.kind === 'removal_notice')!.cells.map((c) => c.text)).toEqual(['—', '—', 'yes']);
  });

  it('compares only the kinds asked about', () => {
    expect(comparisonRows(powers, ['fine']).map((r) => r.kind)).toEqual(['fine']);
    const selection = powersForQuestion("How do Ofcom's fines compare with the EU's?", powers);
    expect(selection?.view === 'compare' && selection.rows.map((r) => r.kind)).toEqual(['fine']);
  });
});
