// Titles: the last resort is the text's first sentence; any title is cut at a word boundary when too long.
import { sentenceSpans } from '../text/sentences.js';

export const MAX_FALLBACK_TITLE = 90;
export const MAX_TITLE = 200;

export function titleFromText(text: string): string {
  const first = sentenceSpans(text.slice(0, MAX_FALLBACK_TITLE * 4))[0];
  return cutAtWord(first ? text.slice(first.start, first.end) : text.trim(), MAX_FALLBACK_TITLE);
}

/** `text` when it fits in `max` characters, else its longest prefix ending at a word boundary, plus "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const boundary = cut.lastIndexOf(' ');
  return `${(boundary > max / 2 ? cut.slice(0, boundary) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}
