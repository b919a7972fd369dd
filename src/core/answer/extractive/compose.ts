// Chosen statements -> answer text with [n] markers and their exact-span citations: each sentence as written, tidied;
// an announced list as its lead-in followed by its items, the items cited as one span.
import type { Citation } from '../../schema.js';
import { citationFor } from '../citations.js';
import type { Candidate } from './candidates.js';
import type { Statement } from './plan.js';

// Openers that tie a sentence to the one before it in its article, which the answer does not show.
const DANGLING_OPENER = /^(?:But|And|However,|Meanwhile,|Also,|Earlier,|In addition,|Further,|Furthermore,)\s+(?=\S)/;
// A short lead-in ending in a colon that points back at what the article said before ("Comparing the first two:",
// "In both cases:"): the answer does not show what it points at, so it shows the clause after the colon.
const POINTING_LEAD_IN = /^(?:[\p{L}’'-]+\s+){0,4}(?:these|those|both|(?:the\s+)?(?:former|latter|above)|the (?:first|last) (?:two|three|one))(?:\s+[\p{L}’'-]+){0,2}\s*:\s+(?=\p{L})/iu;
const ENDS_WITH_STOP = /[.!?]$/;
// Footnote and reference markers written in a source: "[3]", "^2". Ours would be confused with them.
const SOURCE_MARKER = /\s*(?:\[\d{1,3}\]|\^\d{1,3})/g;
// How a flattened list item ends: ";", "; and", ", or", a full stop.
const ITEM_END = /\s*(?:[;,.]\s*(?:and|or)?|\s(?:and|or))\s*$/i;
const ITEM_SENTENCE_BREAK = /(?<=\p{Ll}{2}|\))[.!?]\s+(?=\p{Lu})/gu;
const ITEM_MARKER = /^(?:[-*•–]\s+|\(?[a-z0-9]{1,3}[.)]\s+|\([ivx]+\)\s+)/i;

export interface ComposedSentence {
  /** The sentence as shown in the answer, with its markers. */
  text: string;
  citations: Citation[];
}

/** One answer sentence per statement, citations numbered in order of use. */
export function composeStatements(statements: readonly Statement[]): ComposedSentence[] {
  let n = 0;
  const cite = (candidate: Candidate, start: number, end: number, quote: string): Citation =>
    citationFor(++n, { document: candidate.hit.document, start, end, quote, alsoIn: candidate.alsoIn });
  return statements.map((statement) => {
    const { candidate } = statement.evidence;
    const lead = cite(candidate, candidate.start, candidate.end, candidate.text);
    if (statement.kind === 'sentence') return { text: withMarker(candidate.kind === 'item' ? itemAsSentence(candidate.text) : tidy(candidate.text), lead.n), citations: [lead] };
    const items = cite(candidate, statement.items.start, statement.items.end, statement.text);
    const listed = statement.text
      .split(/\n\s*\n|\n/)
      // An item of several sentences ("Disgorgement. Strip out the benefit…") stays one clause of the list's sentence,
      // so no sentence of the answer is left without its marker.
      .map((item) => item.trim().replace(ITEM_MARKER, '').replace(SOURCE_MARKER, '').replace(ITEM_END, '').replace(ITEM_SENTENCE_BREAK, ' — '))
      .filter(Boolean);
    const opening = tidy(candidate.text).replace(/\s*:\s*$/, '');
    return { text: `${opening} [${lead.n}]: ${listed.join('; ')} [${items.n}].`, citations: [lead, items] };
  });
}

/** A list item said on its own is a sentence: no item marker, and a full stop rather than the list's "; and". */
function itemAsSentence(item: string): string {
  const text = tidy(item.replace(ITEM_MARKER, '')).replace(ITEM_END, '');
  return /[!?]$/.test(text) ? text : `${text}.`;
}

/** Drops a dangling opener or lead-in and the source's own markers, and closes a quotation the sentence leaves to the next one. */
function tidy(sentence: string): string {
  let text = sentence.replace(DANGLING_OPENER, '').replace(POINTING_LEAD_IN, '').replace(SOURCE_MARKER, '');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  const opened = (text.match(/“/g) ?? []).length;
  const closed = (text.match(/”/g) ?? []).length;
  return opened > closed ? `${text}”` : text;
}

/** "… revenue [1]." when the sentence ends in a full stop, else "…” [1]". */
function withMarker(text: string, n: number): string {
  return ENDS_WITH_STOP.test(text) ? `${text.slice(0, -1)} [${n}]${text.slice(-1)}` : `${text} [${n}]`;
}
