import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEWS_DIR } from '../../../test/support/paths.js';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from './chunk.js';

const sentence = fc
  .array(fc.oneof(fc.constantFrom('Ofcom', 'fine', '£18m', 'the', 'Act', 'X', 'Mr.', 'e.g.', '—', 'naïve', '🙂'), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 40 })
  .map((words) => `${words.join(' ')}${fc.sample(fc.constantFrom('.', '?', '!', ''), 1)[0]}`);
const documentText = fc
  .array(fc.tuple(sentence, fc.constantFrom(' ', '  ', '\n', '\n\n', '\r\n', '\t')), { maxLength: 60 })
  .map((parts) => parts.map(([s, sep]) => s + sep).join(''));

describe('chunkDocument', () => {
  it('always slices exactly: doc.text.slice(start, end) === chunk.text', () => {
    fc.assert(
      fc.property(documentText, fc.integer({ min: 40, max: 1200 }), fc.integer({ min: 0, max: 400 }), (text, maxChars, overlap) => {
        const chunks = chunkDocument({ id: 'doc', text }, { maxChars, overlapChars: Math.min(overlap, maxChars - 1) });
        chunks.forEach((chunk, i) => {
          expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
          expect(chunk.index).toBe(i);
          expect(chunk.end - chunk.start).toBeLessThanOrEqual(maxChars);
          expect(chunk.text.trim()).toBe(chunk.text);
          if (i > 0) expect(chunk.start).toBeGreaterThan(chunks[i - 1]!.start);
        });
        // Every non-space character is covered by some chunk: nothing is lost between chunks.
        const covered = new Uint8Array(text.length);
        for (const c of chunks) covered.fill(1, c.start, c.end);
        for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) expect(covered[i]).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('chunks the real news articles on sentence boundaries with a small overlap', () => {
    let overlapping = 0;
    for (const name of readdirSync(NEWS_DIR)) {
      const text = readFileSync(join(NEWS_DIR, name), 'utf8');
      const chunks = chunkDocument({ id: name, text });
      expect(chunks.length).toBeGreaterThan(1);
      for (const [i, chunk] of chunks.entries()) {
        expect(chunk.text.length).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxChars);
        // Starts a sentence: the previous non-space character ends a sentence or a line.
        const before = text.slice(0, chunk.start).trimEnd();
        expect(before === '' || /[.!?"”’)\n]$/.test(before) || text.slice(before.length, chunk.start).includes('\n')).toBe(true);
        if (i === 0) continue;
        const overlap = chunks[i - 1]!.end - chunk.start;
        expect(overlap).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.overlapChars);
        if (overlap > 0) overlapping++;
      }
    }
    expect(overlapping).toBeGreaterThan(3);
  });

  it('returns no chunks for blank text and splits an over-long sentence at spaces', () => {
    expect(chunkDocument({ id: 'd', text: ' \n\n ' })).toEqual([]);
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkDocument({ id: 'd', text: long }, { maxChars: 100, overlapChars: 20 });
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) expect(c.text).toMatch(/^word\d+( word\d+)*$/);
  });
});
