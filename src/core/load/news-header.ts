// Scraped news carries its metadata inline: a leading "date YYYY-MM-DD" header and a headline as the first line.
import { toIsoDay } from './dates.js';

const DATE_HEADER = /^\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*/i;
const MAX_HEADLINE_CHARS = 160;
const TRAILING_CLOSERS = /["'”’»)\]\s]+$/;

/** Removes a leading date header; the date is returned only when it is a real day. */
export function takeDateHeader(text: string): { date?: string; rest: string } {
  const match = DATE_HEADER.exec(text);
  if (!match) return { rest: text };
  return { date: toIsoDay(match[1]), rest: text.slice(match[0].length) };
}

/** A headline: short, a few words, not a byline, and without the final punctuation a sentence has. */
export function looksLikeHeadline(line: string): boolean {
  if (line.length > MAX_HEADLINE_CHARS || line.split(' ').length < 2 || /^by\s/i.test(line)) return false;
  return !/[.!?:;,…]$/.test(line.replace(TRAILING_CLOSERS, ''));
}

/** Takes the first paragraph as the title when it reads as a headline and the article goes on after it. */
export function takeHeadline(paragraphs: string[]): { title?: string; paragraphs: string[] } {
  const [first, ...rest] = paragraphs;
  if (first === undefined || rest.length === 0 || !looksLikeHeadline(first)) return { paragraphs };
  return { title: first, paragraphs: rest };
}
