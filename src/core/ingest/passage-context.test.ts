import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk.js';
import { passagesInContext } from './passage-context.js';

const text = [
  '# Fines under the UK GDPR',
  '',
  'The Information Commissioner enforces the UK GDPR.',
  '',
  '## The higher maximum',
  '',
  'The higher maximum is £17.5 million or 4% of worldwide annual turnover, whichever is higher.',
].join('\n');

describe('passagesInContext', () => {
  it('puts the title and the headings above a chunk before its text, leaving the text itself whole', () => {
    const document = { id: 'doc_1', title: 'How the ICO fines', text };
    const chunks = chunkDocument(document, { maxChars: 90, overlapChars: 0 });
    const passages = passagesInContext(document, chunks);
    expect(passages).toHaveLength(chunks.length);
    const last = passages[passages.length - 1]!;
    expect(last).toBe(`How the ICO fines — Fines under the UK GDPR — The higher maximum\n\n${chunks[chunks.length - 1]!.text}`);
    for (const [i, passage] of passages.entries()) expect(passage.endsWith(chunks[i]!.text)).toBe(true);
  });

  it('adds nothing a chunk already opens with, or a heading equal to the title', () => {
    const document = { id: 'doc_2', title: 'Fines under the UK GDPR', text };
    const [first] = chunkDocument(document);
    expect(passagesInContext(document, [first!])).toEqual([first!.text]);
  });

  it('leaves a chunk of a text without title or headings as it is', () => {
    const document = { id: 'doc_3', title: '', text: 'Ofcom can fine a provider. It can also apply for a court order.' };
    const chunks = chunkDocument(document);
    expect(passagesInContext(document, chunks)).toEqual(chunks.map((c) => c.text));
  });
});
