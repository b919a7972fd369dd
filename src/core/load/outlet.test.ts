// The outlet rules on samples written for these tests, in other outlets' conventions.
import { describe, expect, it } from 'vitest';
import { publisherFromText } from './outlet.js';

const story = ['The regulator opened an investigation on Monday, its spokesperson said.', 'The company said it would co-operate fully.'];

describe('publisherFromText', () => {
  it("reads a wire's dateline", () => {
    expect(publisherFromText(['LONDON (Reuters) - The regulator opened an investigation on Monday.', ...story])).toBe('Reuters');
    expect(publisherFromText(['WASHINGTON (AP) — Lawmakers asked two app stores to remove the app.', ...story])).toBe('The Associated Press');
  });

  it('reads a credit line of its own', () => {
    expect(publisherFromText([...story, 'Additional reporting by PA Media'])).toBe('PA Media');
    expect(publisherFromText([...story, '(AFP)'])).toBe('AFP');
  });

  it("never takes a photo's credit for the story's", () => {
    expect(publisherFromText([...story, 'The minister arrives in Downing Street. (AP Photo/Jane Roe) (Copyright 2026 The Associated Press. All rights reserved)'])).toBeUndefined();
    expect(publisherFromText([...story, 'Photograph: John Smith/PA'])).toBeUndefined();
  });

  it('names the outlet a donation appeal asks readers to support, not a title it quotes', () => {
    const appeal =
      "Your support keeps us reporting. The Chronicle is independent and free to read, and our new series, 'The Big Picture', needs your donation. Every contribution makes a real difference: support The Chronicle today. Subscribe to our newsletter.";
    expect(publisherFromText([appeal, ...story])).toBe('The Chronicle');
  });

  it('names no one when the text names no one', () => {
    expect(publisherFromText(story)).toBeUndefined();
    // Reporting that mentions an agency is not a credit.
    expect(publisherFromText(['Reuters reported that the regulator had opened an investigation into the company last week.'])).toBeUndefined();
  });
});
