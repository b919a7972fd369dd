import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../../test/support/paths.js';
import { loadPaths } from '../../../test/support/sources.js';
import type { Citation, Document, Hit } from '../schema.js';
import { primarySourceFor, provisionsIn, withPrimarySource } from './primary-source.js';

const { documents } = await loadPaths([CORPUS_DIR]);
const doc = (name: string): Document => documents.find((d) => d.origin.endsWith(`${name}.md`))!;
/** The sentence of an explainer that contains `text`, exactly as the document has it. */
function sentence(name: string, text: string): { document: Document; quote: string; start: number } {
  const document = doc(name);
  const at = document.text.indexOf(text);
  expect(at, `"${text}" in ${name}`).toBeGreaterThanOrEqual(0);
  const start = Math.max(document.text.lastIndexOf('. ', at) + 2, document.text.lastIndexOf('\n', at) + 1);
  const end = document.text.indexOf('.', at + text.length) + 1;
  return { document, quote: document.text.slice(start, end), start };
}
const primaryOf = (name: string, text: string) => {
  const { document, quote } = sentence(name, text);
  return primarySourceFor(quote, document.sources)?.title;
};

describe('primarySourceFor on the explainers', () => {
  it('picks the provision a passage cites', () => {
    expect(primaryOf('ofcom-maximum-penalties', 'Under Schedule 13, paragraph 4(1)')).toBe('Online Safety Act 2023, Schedule 13, paragraph 4');
    expect(primaryOf('ofcom-information-notices', 'section 102 requires Ofcom')).toBe('Online Safety Act 2023, section 102');
    expect(primaryOf('eu-dsa-fines-and-penalties', 'Under Article 74(2)')).toBe('Digital Services Act, Article 74');
  });

  it("tells one Act's section from another's", () => {
    expect(primaryOf('australia-esafety-powers', "Under section 77 of Australia's Online Safety Act 2021")).toBe('Online Safety Act 2021 (Cth), section 77');
  });

  it('picks the publisher a passage quotes, on the day the source is dated', () => {
    expect(primaryOf('business-disruption-measures', 'Ofcom stated on 27 February 2026')).toBe('Ofcom news release, 27 February 2026');
  });

  it('picks nothing when the passage points at no one source', () => {
    const document = doc('ofcom-maximum-penalties');
    expect(primarySourceFor('Ofcom can fine companies that break the rules.', document.sources)).toBeUndefined();
    // Another paragraph of the same schedule is another provision.
    expect(primarySourceFor('Schedule 13, paragraph 5 sets out how penalties are paid.', document.sources)).toBeUndefined();
  });

  it('takes the only source of a document that lists one', () => {
    const only = { publisher: 'Ofcom', title: 'A statement' };
    expect(primarySourceFor('Anything at all.', [only])).toBe(only);
  });
});

describe('provisionsIn', () => {
  it('reads provisions at the level sources name them', () => {
    expect([...provisionsIn('sections 146 and 147, Schedule 13, paragraph 4(1), Article 74(2) and Part 7, Chapter 6')].sort()).toEqual(
      ['article 74', 'chapter 6', 'part 7', 'schedule 13', 'schedule 13 paragraph 4', 'section 146', 'section 147'].sort(),
    );
  });
});

describe('withPrimarySource', () => {
  it('reads the paragraph leading up to a quote: a provision named in the sentence before still counts', () => {
    const document = doc('ofcom-information-notices');
    const lead = 'Section 100 of the Online Safety Act';
    const at = document.text.indexOf(lead);
    const paragraphEnd = document.text.indexOf('\n\n', at);
    const firstStop = document.text.indexOf('. ', at) + 2;
    const quote = document.text.slice(firstStop, paragraphEnd > 0 ? paragraphEnd : undefined);
    const citation: Citation = { n: 1, docId: document.id, title: document.title, origin: document.origin, quote, start: firstStop, end: firstStop + quote.length, alsoIn: [], sources: document.sources };
    const chunkStart = document.text.lastIndexOf('\n\n', at) + 2;
    const hit = { chunk: { id: 'c', docId: document.id, index: 0, start: chunkStart, end: citation.end, text: document.text.slice(chunkStart, citation.end) }, document, score: 1, alsoIn: [] } as unknown as Hit;
    expect(withPrimarySource(citation, []).primarySource).toBeUndefined();
    expect(withPrimarySource(citation, [hit]).primarySource?.title).toBe('Online Safety Act 2023, section 100');
  });

  it("reads a list item on its own: the item above it, citing another regime's provision, is another claim", () => {
    const document = doc('comparing-maximum-fines-across-regimes');
    const quote = 'The higher maximum is £17.5 million or 4% of worldwide annual turnover';
    const start = document.text.indexOf(quote);
    const end = document.text.indexOf('.', start + quote.length) + 1;
    const listStart = document.text.lastIndexOf('\n\n', start) + 2;
    expect(document.text.slice(listStart, start)).toMatch(/Schedule 13, paragraph 4/);
    const citation: Citation = { n: 1, docId: document.id, title: document.title, origin: document.origin, quote: document.text.slice(start, end), start, end, alsoIn: [], sources: document.sources };
    const hit = { chunk: { id: 'c', docId: document.id, index: 0, start: listStart, end, text: document.text.slice(listStart, end) }, document, score: 1, alsoIn: [] } as unknown as Hit;
    expect(withPrimarySource(citation, [hit]).primarySource?.title ?? '').not.toMatch(/Online Safety Act/);
  });
});
