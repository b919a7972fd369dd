// Drops what is not the article from scraped news paragraphs; kept paragraphs are returned unchanged, character for character.
import { isAppeal } from './appeals.js';
import { isCaption } from './captions.js';

const STANDALONE =
  /^(?:advertisement|advert|sponsored(?: content)?|read more|read next|support (?:us|now)|subscribe(?: now)?|sign up(?: now)?|share(?: this)?(?: (?:article|story|page))?|continue reading|skip (?:advert|ad)(?:vertisement)?|related(?: articles?| stories| content)?|most read|click here[^.]*)\W*$/i;
// Short lines ("Yes.", "No comment.") legitimately recur; only longer ones count as repeats.
const MIN_REPEAT_WORDS = 4;
// A repeat with something added at either end (a caption reprinted with its credit) still counts when this long.
const MIN_CONTAINED_WORDS = 8;
// Repeats (captions printed twice) sit close together; a window keeps this linear on huge files.
const DUPLICATE_WINDOW = 5;

export function isBoilerplate(paragraph: string): boolean {
  return STANDALONE.test(paragraph) || isAppeal(paragraph) || isCaption(paragraph);
}

export function stripBoilerplate(paragraphs: string[]): string[] {
  return dropRepeats(paragraphs.filter((paragraph) => !isBoilerplate(paragraph)));
}

/**
 * Drops later copies of a paragraph: the same words (ignoring case and punctuation) anywhere, or nearby the same run
 * of words with more added before or after. A changed word inside (a "not", a figure) makes a different paragraph.
 */
export function dropRepeats(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const recent: string[] = [];
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    const words = wordsOf(paragraph);
    if (words.length < MIN_REPEAT_WORDS) {
      kept.push(paragraph);
      continue;
    }
    const key = ` ${words.join(' ')} `;
    if (seen.has(key) || recent.some((other) => containsRun(key, other))) continue;
    seen.add(key);
    recent.push(key);
    if (recent.length > DUPLICATE_WINDOW) recent.shift();
    kept.push(paragraph);
  }
  return kept;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether the shorter of two space-padded word runs, long enough to be a real paragraph, sits inside the longer. */
function containsRun(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.split(' ').length - 2 >= MIN_CONTAINED_WORDS && longer.includes(shorter);
}
