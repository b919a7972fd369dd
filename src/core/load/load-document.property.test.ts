// Properties over random input: loading either yields a valid Document or a RemitError, never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RemitError } from '../errors.js';
import { Document } from '../schema.js';
import { loadDocument } from './index.js';

const ORIGINS = ['a.txt', 'b.md', 'c.markdown', 'd.html', 'e.htm', 'f.pdf', 'noext'];
const FRAGMENTS = [
  '<div>', '</div>', '<p>', '</p>', '<script>x()</script>', '<!--', '-->', '<b>', '<', '>', '&amp;', '&#0;', '# ', '## ', '---\n',
  'title: x\n', 'date: 2026-13-45\n', '- ', '> ', '|a|b|\n|-|-|\n', '[link](', ')', '**', '`', '\n', '\n\n', '  ', '\u00a0',
  'date 2026-01-11 ', 'FILE - ', '(AP Photo/X)', 'Read more', 'Your support', 'The regulator can fine firms.', 'word', 'é', '😀',
];

async function outcome(origin: string, bytes: Uint8Array): Promise<Document | RemitError> {
  try {
    return await loadDocument({ origin, bytes });
  } catch (error) {
    if (error instanceof RemitError) return error;
    throw error;
  }
}

function expectValid(result: Document | RemitError): void {
  if (result instanceof RemitError) return;
  expect(Document.parse(result)).toEqual(result);
  expect(result.text.trim()).toBe(result.text);
  expect(result.text.length).toBeGreaterThan(0);
  expect(result.id).toBe(`doc_${result.hash.slice(0, 16)}`);
}

describe('loadDocument properties', () => {
  it('never throws anything but a RemitError on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ORIGINS), fc.uint8Array({ maxLength: 600 }), async (origin, bytes) => {
        expectValid(await outcome(origin, bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a RemitError on random text and markup', async () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join('')));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ORIGINS), text, async (origin, source) => {
        expectValid(await outcome(origin, new TextEncoder().encode(source)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives equal text the same id, whatever the white space or line endings around it', async () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,10}$/);
    const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 5 }), async (paragraphs) => {
        const clean = await loadDocument({ origin: 'a.txt', bytes: new TextEncoder().encode(paragraphs.join('\n\n')) });
        const messy = await loadDocument({ origin: 'b.txt', bytes: new TextEncoder().encode(`  ${paragraphs.map((p) => p.replace(/ /g, ' \t ')).join('\r\n\r\n\r\n')}  \n`) });
        expect(messy.text).toBe(clean.text);
        expect(messy.id).toBe(clean.id);
        expect(messy.hash).toBe(clean.hash);
      }),
      { numRuns: 100 },
    );
  });
});
