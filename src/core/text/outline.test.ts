import { describe, expect, it } from 'vitest';
import { DocumentOutline, outlineOf } from './outline.js';

const TEXT = [
  'Briefing: business disruption orders',
  'The Act provides for four kinds of order:',
  'a service restriction order (s. 144);',
  'an interim service restriction order (s. 145); and',
  'an access restriction order (s. 146).',
  'All four are made by a court, on the regulator\'s application.',
  'Who is bound',
  'A service restriction order binds providers of ancillary services.',
].join('\n\n');

describe('outlineOf', () => {
  it('tells headings, paragraphs and the items of a list announced by a colon apart', () => {
    const blocks = outlineOf(TEXT);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'item', 'item', 'item', 'paragraph', 'heading', 'paragraph']);
    expect(blocks.slice(2, 5).every((b) => b.leadIn === 1)).toBe(true);
    for (const b of blocks) expect(TEXT.slice(b.start, b.end)).toBe(TEXT.slice(b.start, b.end).trim());
  });

  it('reads items that carry markers, and stops a list at the first paragraph that is not one', () => {
    const blocks = outlineOf('The grounds are:\n\n(a) a penalty unpaid;\n\n(b) steps not taken.\n\nThe court then decides whether to act, weighing proportionality.');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'item', 'item', 'paragraph']);
  });
});

describe('DocumentOutline.contextAt', () => {
  it('gives a sentence the heading above it, the document heading, the opening, and a list item its lead-in', () => {
    const outline = new DocumentOutline(TEXT);
    const slice = (span?: { start: number; end: number }) => span && TEXT.slice(span.start, span.end);
    const item = outline.contextAt(TEXT.indexOf('an access restriction order'));
    expect(slice(item.leadIn)).toBe('The Act provides for four kinds of order:');
    expect(slice(item.heading)).toBe('Briefing: business disruption orders');
    const last = outline.contextAt(TEXT.indexOf('A service restriction order binds'));
    expect(slice(last.heading)).toBe('Who is bound');
    expect(slice(last.top)).toBe('Briefing: business disruption orders');
    expect(slice(last.opening)).toBe('The Act provides for four kinds of order:');
  });
});
