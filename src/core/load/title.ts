// Titles: a text without one is titled by its lead sentence, kept whole when headline-sized, else cut back to its
// main clause (before "after ...", "amid ...", ", which ..."), in the source's own words; any title is cut at a word
// boundary when too long.
import { sentenceSpans } from '../text/sentences.js';

export const MAX_FALLBACK_TITLE = 90;
export const MAX_TITLE = 200;
/** Long for a printed headline, usual for one online. */
export const MAX_HEADLINE = 130;
const MIN_HEADLINE = 40;
// Where a sentence's main clause ends and what it hangs on begins.
const CLAUSE_BREAK = /,\s|;\s|\s[–—]\s|\s(?:after|amid|as|over|following|because|while|which|who|despite|since|when|where|but|although|though|before|until)\s/g;

/** The lead sentence as a headline: whole when it fits, else its main clause; "…" only when neither fits. */
export function headlineFromText(text: string): string {
  const first = sentenceSpans(text.slice(0, MAX_HEADLINE * 4))[0];
  const sentence = (first ? text.slice(first.start, first.end) : text).trim().replace(/\.$/, '');
  if (sentence.length <= MAX_HEADLINE) return sentence;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index > MAX_HEADLINE) break;
    if (m.index >= MIN_HEADLINE) return sentence.slice(0, m.index);
  }
  return cutAtWord(sentence, MAX_FALLBACK_TITLE);
}

/** `text` when it fits in `max` characters, else its longest prefix ending at a word boundary, plus "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const boundary = cut.lastIndexOf(' ');
  return `${(boundary > max / 2 ? cut.slice(0, boundary) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}
