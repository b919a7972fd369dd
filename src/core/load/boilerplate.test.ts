// The boilerplate rules on samples from other outlets' conventions (written for these tests), and what they must keep.
import { describe, expect, it } from 'vitest';
import { isAppeal } from './appeals.js';
import { dropRepeats, isBoilerplate, stripBoilerplate } from './boilerplate.js';
import { isCaption } from './captions.js';
import { looksLikeHeadline } from './news-header.js';

describe('isAppeal', () => {
  it('spots fund-raising appeals in other wordings', () => {
    expect(isAppeal('Help us keep our journalism free for everyone. Become a supporter today: every contribution, however big or small, makes a real difference. Subscribe to our newsletter.')).toBe(true);
    expect(isAppeal('Before you go: independent reporting costs money. If you can, please donate to support our work. Your support keeps us going, and you can cancel your subscription at any time.')).toBe(true);
  });

  it('keeps reporting that mentions paywalls or subscribers', () => {
    expect(isAppeal('The newspaper put its archive behind a paywall last year, and paying subscribers rose by 8%, its owner said.')).toBe(false);
    expect(isAppeal('Only paid subscribers could ask the chatbot to edit images, the company said on Friday.')).toBe(false);
  });
});

describe('isCaption', () => {
  it.each([
    "Ofcom's headquarters in London. Photograph: John Smith/PA",
    'A protester outside Parliament on Tuesday (Stefan Rousseau/PA)',
    'The chief executive speaks at a conference in Paris. (Photo by Jane Roe/Getty Images)',
    'FILE PHOTO: The logo of a social media platform is displayed on a phone, REUTERS/Jo Bloggs/Illustration/File Photo',
    'Image caption, The regulator opened an investigation in March',
    'Ministers at the launch. © 2026 Example Wire',
    'The minister arrives at Downing Street. Getty Images',
  ])('spots %j', (caption) => {
    expect(isCaption(caption)).toBe(true);
  });

  it.each([
    'Reuters reported that the regulator had opened an investigation into the company last week.',
    'He told the AP that the photo had been edited.',
    'The fine, the largest under the Act, follows a two-year investigation (the regulator\'s first).',
  ])('keeps %j', (sentence) => {
    expect(isCaption(sentence)).toBe(false);
  });
});

describe('stripBoilerplate', () => {
  it('drops standalone page furniture', () => {
    for (const line of ['Advertisement', 'Read more', 'Share this article', 'Continue reading...', 'Sign up']) {
      expect(isBoilerplate(line)).toBe(true);
    }
  });

  it('returns kept paragraphs unchanged and in order', () => {
    const article = ['First real paragraph of the story.', 'Advertisement', 'Second real paragraph, with a “quote”.'];
    expect(stripBoilerplate(article)).toEqual([article[0], article[2]]);
  });
});

describe('dropRepeats', () => {
  it('drops a caption printed twice, even with a credit appended the second time', () => {
    const caption = 'The minister speaks to reporters outside the department on Monday evening';
    expect(dropRepeats([caption, 'Body text of the story goes on here.', `${caption} – Example Agency`])).toEqual([
      caption,
      'Body text of the story goes on here.',
    ]);
  });

  it('keeps paragraphs that differ inside, by a word or a figure', () => {
    const paragraphs = [
      'The regulator said on Monday that it would block the site in the United Kingdom this week.',
      'The regulator said on Monday that it would not block the site in the United Kingdom this week.',
      'Paragraph 1 says the regulator may fine a provider up to 100 pounds.',
      'Paragraph 2 says the regulator may fine a provider up to 200 pounds.',
    ];
    expect(dropRepeats(paragraphs)).toEqual(paragraphs);
  });

  it('keeps short repeated lines and different paragraphs that share a quote', () => {
    const paragraphs = ['Yes.', 'Yes.', '“He agreed with me,” Mr Smith said on Friday.', 'Speaking later, he repeated that “he agreed with me” about the plan.'];
    expect(dropRepeats(paragraphs)).toEqual(paragraphs);
  });
});

describe('looksLikeHeadline', () => {
  it('accepts headlines and refuses sentences and bylines', () => {
    expect(looksLikeHeadline('Regulator fines lender £2 million over unfair fees')).toBe(true);
    expect(looksLikeHeadline('Minister says ban is ‘censorship’')).toBe(true);
    expect(looksLikeHeadline('The regulator fined the lender on Friday.')).toBe(false);
    expect(looksLikeHeadline('By Jane Smith')).toBe(false);
    expect(looksLikeHeadline('x'.repeat(200))).toBe(false);
  });
});
