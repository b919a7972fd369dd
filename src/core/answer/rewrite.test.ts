import { beforeAll, describe, expect, it } from 'vitest';
import type { TextAnalyzer } from '../language/analysis.js';
import { loadWinkAnalyzer } from '../language/wink-analyzer.js';
import type { Turn } from '../schema.js';
import { OfflineQueryRewriter, rewriteFollowUp } from './rewrite.js';

let analyzer: TextAnalyzer;
beforeAll(async () => {
  analyzer = await loadWinkAnalyzer();
});

const after = (question: string, answer = 'Something the sources say [1].'): Turn[] => [
  { role: 'user', content: question },
  { role: 'assistant', content: answer },
];
const rewrite = (question: string, history: Turn[]) => rewriteFollowUp(question, history, analyzer);

describe('rewriteFollowUp', () => {
  it('carries the last question into one that points back with a pronoun', () => {
    const query = rewrite('Does it need a court for that?', after("What's the biggest consumer-law fine the CMA can give a business?"));
    expect(query).toMatch(/^Does it need a court for that\? /);
    for (const word of ['CMA', 'fine', 'business']) expect(query).toContain(word);
  });

  it('drops the opening conjunction of an elliptical follow-up and carries the subject', () => {
    expect(rewrite('And when did the bans on prohibited practices start to apply?', after('When did the AI Act enter into force?'))).toBe(
      'when did the bans on prohibited practices start to apply? AI Act force',
    );
  });

  it("leaves the last question's verbs behind when the follow-up has a verb of its own", () => {
    // "enter" would pull the last answer (the date it entered into force) back to the top.
    expect(rewrite('And when did the bans start to apply?', after('When did the AI Act enter into force?'))).not.toContain('enter');
    // Without a verb of its own, the follow-up asks the last question's predicate of something else.
    expect(rewrite('And the DMA?', after('When did the AI Act enter into force?'))).toContain('enter');
  });

  it('carries the subject into a question that names nothing ("why?")', () => {
    expect(rewrite('Why?', after('What can Ofcom fine?'))).toBe('Why? Ofcom fine');
  });

  it('swaps the subject of an elliptical follow-up with a subject of its own and keeps the predicate', () => {
    const query = rewrite('What about Farage?', after('What did Albanese say about Grok?'));
    expect(query).toContain('say');
    expect(query).not.toContain('Albanese');
  });

  it.each([
    // A self-contained question after an unrelated one is never rewritten.
    ['How much was 4chan fined?', 'What does the EU fine X for?'],
    ["What is the ICO's maximum fine?", 'What is the capital of France?'],
    // "it" that points forward, and "that" opening a relative clause, point back at nothing.
    ['Is it a crime to lie to Ofcom?', 'What can Ofcom fine?'],
    ['Which firms that break the rules get fined most?', 'What can Ofcom fine?'],
  ])('leaves %j alone after %j', (question, earlier) => {
    expect(rewrite(question, after(earlier))).toBe(question);
  });

  it('carries only the last question, never older turns or the answers', () => {
    const history: Turn[] = [...after('What did Musk say about Starmer?', 'Musk called it fascist [1].'), ...after('What can the ICO fine?', 'Up to £17.5 million [1].')];
    const query = rewrite('And does it need a court?', history);
    expect(query).toContain('ICO');
    for (const word of ['Musk', 'Starmer', 'fascist', '17.5']) expect(query).not.toContain(word);
  });
});

describe('OfflineQueryRewriter', () => {
  it('leaves a question without history alone, loading nothing', async () => {
    expect(await new OfflineQueryRewriter({ analyzer: () => Promise.reject(new Error('not needed')) }).rewrite('and can it?', [])).toBe('and can it?');
  });

  it('rewrites through the analyser it is given', async () => {
    expect(await new OfflineQueryRewriter({ analyzer: async () => analyzer }).rewrite('Why?', after('What can Ofcom fine?'))).toBe('Why? Ofcom fine');
  });
});
