import { describe, expect, it } from 'vitest';
import { sentenceSpans } from './sentences.js';

const split = (text: string) => sentenceSpans(text).map((s) => text.slice(s.start, s.end));

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
