import { describe, expect, it } from 'vitest';
import type { Turn } from '../schema.js';
import { namesIn, OfflineQueryRewriter, rewriteFollowUp } from './rewrite.js';

const FINES: Turn[] = [
  { role: 'user', content: 'What can Ofcom fine under the Online Safety Act?' },
  { role: 'assistant', content: 'Under the Online Safety Act, Ofcom may fine companies as much as £18 million [1]. Ministers would back Ofcom if it decided to block X [2].' },
];

describe('OfflineQueryRewriter', () => {
  it('resolves "it" and "the site" to the names of the conversation', async () => {
    const query = await new OfflineQueryRewriter().rewrite('and can it block the site?', FINES);
    expect(query).toMatch(/^can it block the site\?/);
    for (const name of ['Ofcom', 'Online Safety Act', 'X']) expect(query).toContain(name);
  });

  it('keeps a question that names its own subject', () => {
    expect(rewriteFollowUp('Which country first blocked Grok?', FINES)).toBe('Which country first blocked Grok?');
  });

  it('keeps a question without names when it points back at nothing', () => {
    expect(rewriteFollowUp('What powers do regulators have over online platforms?', FINES)).toBe('What powers do regulators have over online platforms?');
  });

  it('adds the earlier names a question with its own name still points back to', () => {
    expect(rewriteFollowUp('Did Musk respond to it?', FINES)).toBe('Did Musk respond to it? Ofcom Online Safety Act X');
  });

  it('swaps the subject of an elliptical follow-up and keeps the predicate', () => {
    expect(rewriteFollowUp('What about Farage?', [{ role: 'user', content: 'What did Albanese say about Grok?' }])).toBe('What about Farage? say');
  });

  it('looks back past a user turn that named nothing', () => {
    const history: Turn[] = [
      { role: 'user', content: 'Who is Sarah Rogers?' },
      { role: 'assistant', content: 'The US under-secretary for public diplomacy [1].' },
      { role: 'user', content: 'what did she say?' },
      { role: 'assistant', content: 'She criticised the UK [1].' },
    ];
    expect(rewriteFollowUp('and when?', history)).toContain('Sarah Rogers');
  });

  it('is deterministic and leaves a question alone without history', () => {
    expect(rewriteFollowUp('and can it?', [])).toBe('can it?');
    expect(rewriteFollowUp('and can it block the site?', FINES)).toBe(rewriteFollowUp('and can it block the site?', FINES));
  });
});

describe('namesIn', () => {
  it('joins multi-word names and drops question words', () => {
    expect(namesIn('Did JD Vance agree with Lammy about the Centre for Countering Digital Hate?')).toEqual([
      'JD Vance',
      'Lammy',
      'Centre for Countering Digital Hate',
    ]);
  });

  it('can skip capitalised sentence openers that are not names', () => {
    expect(namesIn('Ministers said Ofcom may act. Courts agree.', { midSentenceOnly: true })).toEqual(['Ofcom']);
  });
});
