import { describe, expect, it } from 'vitest';
import { kindsAsked, powersAsked } from './question.js';

describe('powersAsked', () => {
  it.each([
    ['What can Ofcom fine under the Online Safety Act?', { view: 'cards', regulator: 'Ofcom', kinds: ['fine'] }],
    ['Could the UK block X, and who decides?', { view: 'cards', regulator: 'Ofcom', kinds: ['blocking_order', 'business_disruption_order'] }],
    ['What powers does the eSafety Commissioner have?', { view: 'cards', regulator: 'eSafety Commissioner', kinds: [] }],
    ['How does Ofcom compare with the EU?', { view: 'compare', regimes: ['uk', 'eu', 'au'], kinds: [] }],
    ["How do Ofcom's fines compare with the EU's?", { view: 'compare', regimes: ['uk', 'eu', 'au'], kinds: ['fine'] }],
    ['UK vs Australia: who can block a platform?', { view: 'compare', regimes: ['uk', 'eu', 'au'], kinds: ['blocking_order', 'business_disruption_order'] }],
  ])('%s', (question, asked) => expect(powersAsked(question)).toEqual(asked));

  it('stays out of questions that are not about powers, or name no regulator', () => {
    expect(powersAsked('What did Elon Musk say about the UK government?')).toBeUndefined();
    expect(powersAsked('Why did Ofcom investigate X over Grok?')).toBeUndefined();
    expect(powersAsked('What is the maximum fine?')).toBeUndefined();
  });
});

describe('kindsAsked', () => {
  it('reads a daily penalty as a periodic penalty, not also a fine', () => {
    expect(kindsAsked('What daily penalty can Ofcom impose?')).toEqual(['periodic_penalty']);
  });

  it('keeps the order the question names them in, each once', () => {
    expect(kindsAsked('Can Ofcom jail managers, or only fine the company? What about fines for information failures?')).toEqual(['criminal_liability', 'fine']);
  });
});
