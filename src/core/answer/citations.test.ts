import { describe, expect, it } from 'vitest';
import type { Citation } from '../schema.js';
import { citationFor, claimSentences, markerNumbers, renumberCitations, verifyCitations } from './citations.js';

const TEXT = 'Ofcom can fine firms. It can also ask courts to block a site. Nothing else happened.';
const DOCUMENT = { id: 'doc_a', title: 'A', origin: 'a.txt', sources: [] };
const getDocument = async (id: string) => (id === 'doc_a' ? { text: TEXT } : null);

const cite = (n: number, start: number, end: number, quote = TEXT.slice(start, end)): Citation =>
  citationFor(n, { document: DOCUMENT, start, end, quote });

describe('claimSentences', () => {
  it('attaches markers written after a full stop to the sentence before', () => {
    expect(claimSentences('Ofcom can fine firms. [1] It can block sites [2].')).toEqual([
      { text: 'Ofcom can fine firms.', markers: [1] },
      { text: 'It can block sites [2].', markers: [2] },
    ]);
  });

  it('leaves out headings and lead-ins that state nothing', () => {
    expect(claimSentences('Key points:\nOfcom can fine firms [1].').map((s) => s.text)).toEqual(['Ofcom can fine firms [1].']);
  });
});

describe('renumberCitations', () => {
  it('numbers by first use, drops unknown markers and unused citations', () => {
    const citations = [cite(1, 0, 21), cite(2, 22, 61), cite(3, 62, 84)];
    const result = renumberCitations('Blocking needs courts [2]. Fines exist [1] [7]. Again [2].', citations);
    expect(result.answer).toBe('Blocking needs courts [1]. Fines exist [2]. Again [1].');
    expect(result.citations.map((c) => [c.n, c.start])).toEqual([[1, 22], [2, 0]]);
  });
});

describe('verifyCitations', () => {
  it('passes an answer whose markers and quotes are exact', async () => {
    const check = await verifyCitations('Ofcom can fine firms [1]. It can ask courts to block a site [2].', [cite(1, 0, 21), cite(2, 22, 61)], getDocument);
    expect(check.ok).toBe(true);
    expect(check.verification).toEqual({ sentences: 2, supported: 2, droppedCitations: 0 });
  });

  it('finds quotes off their offsets, unknown markers, unused citations and gaps in numbering', async () => {
    const shifted = cite(1, 1, 22, TEXT.slice(0, 21));
    const check = await verifyCitations('Ofcom can fine firms [1]. Courts can block [4]. Unsourced claim.', [shifted, cite(3, 22, 61)], getDocument);
    expect(check).toMatchObject({ mismatchedQuotes: [1], unknownMarkers: [4], unusedCitations: [3], notDense: true, ok: false });
    expect(check.verification).toEqual({ sentences: 3, supported: 0, droppedCitations: 1 });
  });

  it('counts a citation to a document that is gone as dropped', async () => {
    const gone = { ...cite(1, 0, 21), docId: 'doc_gone' };
    const check = await verifyCitations('Ofcom can fine firms [1].', [gone], getDocument);
    expect(check.mismatchedQuotes).toEqual([1]);
  });

  it('reads markers in order of appearance', () => {
    expect(markerNumbers('a [2] b [1] c [2]')).toEqual([2, 1, 2]);
  });
});
