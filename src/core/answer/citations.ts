// Citation helpers shared by every answerer: build a citation from a span, renumber markers densely, verify quotes and markers.
import type { Citation, DocumentMeta, Verification } from '../schema.js';
import { sentenceSpans } from '../text/sentences.js';

/** An answer's citation marker: `[n]`. */
export const CITATION_MARKER = /\[(\d+)\]/g;

// A sentence that is only markers (e.g. "[1]" after a full stop) belongs to the sentence before it.
const ONLY_MARKERS = /^(?:\s*\[\d+\])+\s*[.!?]?$/;
const LEADING_MARKERS = /^(?:\s*\[\d+\])+/;
// A heading, label or list lead-in ("Key points:") states nothing by itself.
const TERMINAL_PUNCTUATION = /[.!?]["”’')\]]*$/;

/** Marker numbers in order of appearance (repeats included). */
export const markerNumbers = (answer: string): number[] => [...answer.matchAll(CITATION_MARKER)].map((m) => Number(m[1]));

export interface CitedSpan {
  document: Pick<DocumentMeta, 'id' | 'title' | 'publisher' | 'date' | 'origin' | 'url' | 'sources'>;
  start: number;
  end: number;
  /** Must equal the document's text at [start, end). */
  quote: string;
  alsoIn?: Citation['alsoIn'];
}

/** A citation for an exact document span, numbered `n`. */
export function citationFor(n: number, span: CitedSpan): Citation {
  const { document, start, end, quote } = span;
  return {
    n,
    docId: document.id,
    title: document.title,
    publisher: document.publisher,
    date: document.date,
    origin: document.origin,
    url: document.url,
    quote,
    start,
    end,
    alsoIn: span.alsoIn ?? [],
    sources: document.sources ?? [],
  };
}

/**
 * Numbers citations densely from 1 in order of first use: markers without a citation are removed,
 * citations never used are dropped, and two markers for the same citation keep one number.
 */
export function renumberCitations(answer: string, citations: readonly Citation[]): { answer: string; citations: Citation[] } {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const renumbered = new Map<number, Citation>();
  const text = answer.replace(/ ?\[(\d+)\]/g, (marker, digits: string) => {
    const citation = byNumber.get(Number(digits));
    if (!citation) return '';
    let next = renumbered.get(citation.n);
    if (!next) renumbered.set(citation.n, (next = { ...citation, n: renumbered.size + 1 }));
    return marker.replace(digits, String(next.n));
  });
  return { answer: text, citations: [...renumbered.values()] };
}

export interface ClaimSentence {
  text: string;
  markers: number[];
}

/** The answer's sentences with the markers that support each; headings and lead-ins without markers are left out. */
export function claimSentences(answer: string): ClaimSentence[] {
  const sentences: ClaimSentence[] = [];
  for (const { start, end } of sentenceSpans(answer)) {
    let text = answer.slice(start, end);
    const leading = text.match(LEADING_MARKERS)?.[0];
    const previous = sentences.at(-1);
    if (leading && previous) {
      previous.markers.push(...markerNumbers(leading));
      if (ONLY_MARKERS.test(text)) continue;
      text = text.slice(leading.length).trim();
    }
    const markers = markerNumbers(text);
    if (markers.length === 0 && !TERMINAL_PUNCTUATION.test(text)) continue;
    sentences.push({ text, markers });
  }
  return sentences;
}

export interface CitationCheck {
  verification: Verification;
  /** Markers with no citation of that number. */
  unknownMarkers: number[];
  /** Citations whose quote is not the document's text at their offsets (or whose document is gone). */
  mismatchedQuotes: number[];
  /** Citations no marker uses. */
  unusedCitations: number[];
  /** Citation numbers are not exactly 1..N. */
  notDense: boolean;
  ok: boolean;
}

/**
 * Checks an answer against its citations: every [n] has a citation, every quote is the exact document slice,
 * every citation is used, numbers are dense; counts the sentences that carry a valid citation.
 */
export async function verifyCitations(
  answer: string,
  citations: readonly Citation[],
  getDocument: (docId: string) => Promise<{ text: string } | null>,
): Promise<CitationCheck> {
  const docIds = [...new Set(citations.map((c) => c.docId))];
  const texts = new Map(await Promise.all(docIds.map(async (id) => [id, (await getDocument(id))?.text] as const)));
  const exact = (c: Citation) => {
    const text = texts.get(c.docId);
    return text !== undefined && c.start <= c.end && c.end <= text.length && text.slice(c.start, c.end) === c.quote;
  };
  const mismatchedQuotes = citations.filter((c) => !exact(c)).map((c) => c.n);
  const valid = new Set(citations.filter(exact).map((c) => c.n));
  const known = new Set(citations.map((c) => c.n));
  const used = markerNumbers(answer);
  const unknownMarkers = [...new Set(used.filter((n) => !known.has(n)))];
  const unusedCitations = [...known].filter((n) => !used.includes(n));
  const numbers = citations.map((c) => c.n).sort((a, b) => a - b);
  const notDense = numbers.some((n, i) => n !== i + 1);
  const sentences = claimSentences(answer);
  const supported = sentences.filter((s) => s.markers.some((n) => valid.has(n))).length;
  return {
    verification: { sentences: sentences.length, supported, droppedCitations: mismatchedQuotes.length },
    unknownMarkers,
    mismatchedQuotes,
    unusedCitations,
    notDense,
    ok: unknownMarkers.length === 0 && mismatchedQuotes.length === 0 && unusedCitations.length === 0 && !notDense,
  };
}
