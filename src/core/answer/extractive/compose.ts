// Chosen sentences -> answer text with [n] markers and their exact-span citations.
import type { Citation } from '../../schema.js';
import { citationFor } from '../citations.js';
import type { Candidate } from './candidates.js';

// Openers that tie a sentence to the one before it in its article, which the answer does not show.
const DANGLING_OPENER = /^(?:But|And|However,|Meanwhile,|Also,|Earlier,)\s+(?=\S)/;
const ENDS_WITH_STOP = /[.!?]$/;

export interface ComposedSentence {
  /** The sentence as shown in the answer, with its marker. */
  text: string;
  citation: Citation;
}

/** One answer sentence per candidate, numbered in order: the sentence as written, tidied, then its marker. */
export function composeSentences(candidates: readonly Candidate[]): ComposedSentence[] {
  return candidates.map((candidate, i) => {
    const n = i + 1;
    const citation = citationFor(n, {
      document: candidate.hit.document,
      start: candidate.start,
      end: candidate.end,
      quote: candidate.text,
      alsoIn: candidate.alsoIn,
    });
    return { text: withMarker(tidy(candidate.text), n), citation };
  });
}

// "[3]" written inside a source sentence would read as one of our markers, pointing at a citation that is not there.
const SOURCE_MARKER = /\s*\[\d+\]/g;

/** Drops a dangling opener and the source's own [n] markers, and closes a quotation the sentence leaves to the next one. */
function tidy(sentence: string): string {
  let text = sentence.replace(DANGLING_OPENER, '').replace(SOURCE_MARKER, '');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  const opened = (text.match(/“/g) ?? []).length;
  const closed = (text.match(/”/g) ?? []).length;
  return opened > closed ? `${text}”` : text;
}

/** "… revenue [1]." when the sentence ends in a full stop, else "…” [1]". */
function withMarker(text: string, n: number): string {
  return ENDS_WITH_STOP.test(text) ? `${text.slice(0, -1)} [${n}]${text.slice(-1)}` : `${text} [${n}]`;
}
