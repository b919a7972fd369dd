// sentenceSpans reads a long text a window at a time; these prove the windows change no boundary, and that a long text
// costs work in proportion to its length.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, NEWS_DIR } from '../../../test/support/paths.js';
import { SEGMENT_WINDOW, sentenceSpans, type Span, spansOfSegments } from './sentences.js';

const split = (text: string) => sentenceSpans(text).map((s) => text.slice(s.start, s.end));

/** Intl.Segmenter's segments of the whole text in one pass (what sentenceSpans did before it read windows). */
function wholeTextSegments(text: string): { index: number; segment: string }[] {
  return [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)].map(({ index, segment }) => ({ index, segment }));
}

/** The raw files: Markdown front matter and all, as varied a text as the repo has. */
const texts = [CORPUS_DIR, NEWS_DIR].flatMap((dir) => readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));

describe('sentenceSpans read a window at a time', () => {
  it('finds the segmenter’s boundaries in every corpus and news file, also when they are joined into one long text', () => {
    // Joined, the texts cross many windows; each span must start and end where a whole-text segment does.
    // (The one-pass reference is the slow, quadratic reading: ~30 windows' worth keeps it to a second or so.)
    const joined = texts.map((t) => t.text).join('\n\n').slice(0, 30 * SEGMENT_WINDOW);
    expect(joined.length).toBe(30 * SEGMENT_WINDOW);
    for (const { name, text } of [...texts, { name: 'all joined', text: joined }]) {
      const spans = sentenceSpans(text);
      expect(spans.length, name).toBeGreaterThan(0);
      expect(spans, name).toEqual(referenceSpans(text));
    }
  });

  it('gives the same spans as one pass over the whole text, for random texts of sentences, abbreviations and breaks', () => {
    const piece = fc.constantFrom(
      'Ofcom can fine.', 'The regulator may fine a provider up to £18m.', 'Mr. Smith said so.', 'See s. 144 and e.g. Sch. 13.', 'U.S. firms',
      'It said: "No." ', 'Why?', 'Fines (up to 10%).', '1.5 million', 'etc.', 'lower case after etc. starts here.', '\n', '\n\n', ' ', '   ',
      '…', '“Quoted.”', 'St. Albans', 'no punctuation', '!!', '... and more', '\t', 'a court.[1]', 'first.^2', 'art. 83', 'Arts. 5',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 1500 }), fc.constantFrom(' ', '', '\n'), (pieces, joiner) => {
        const text = pieces.join(joiner);
        expect(sentenceSpans(text)).toEqual(referenceSpans(text));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a long sentence without a boundary in any window whole', () => {
    const text = `${'word '.repeat(3 * SEGMENT_WINDOW)}end. Next one.`;
    expect(sentenceSpans(text)).toEqual(referenceSpans(text));
  });

  it('splits a megabyte of short sentences in work proportional to its length (it was quadratic: 1 MB took over 300 s)', () => {
    const text = 'Ofcom can fine. '.repeat(65_536);
    const spans = sentenceSpans(text);
    expect(spans).toHaveLength(65_536);
    expect(spans.at(-1)).toEqual({ start: text.length - 16, end: text.length - 1 });
  });
});

/** sentenceSpans over one whole-text pass of the segmenter (what it did before it read windows). */
const referenceSpans = (text: string): Span[] => spansOfSegments(text, wholeTextSegments(text));

describe('sentenceSpans', () => {
  it('keeps legal abbreviations in any case inside their sentence', () => {
    expect(split('Fines can reach 10% of turnover (art. 30.1). Under s. 144 the court may act. See para. 4 and Sch. 13, reg. 3 too. Arts. 5 and 6 apply.')).toEqual([
      'Fines can reach 10% of turnover (art. 30.1).',
      'Under s. 144 the court may act.',
      'See para. 4 and Sch. 13, reg. 3 too.',
      'Arts. 5 and 6 apply.',
    ]);
  });

  it('gives a footnote marker cut from its sentence back to it', () => {
    expect(split('The CMA can act without a court.[1] The regulator must consult first.^2 Under s. 144 the court may order it.')).toEqual([
      'The CMA can act without a court.[1]',
      'The regulator must consult first.^2',
      'Under s. 144 the court may order it.',
    ]);
  });

  it('still ends a sentence at a line break and after ordinary words ending in s', () => {
    expect(split('Heading without stop\nOfcom fines providers. It has powers.')).toEqual(['Heading without stop', 'Ofcom fines providers.', 'It has powers.']);
  });
});
