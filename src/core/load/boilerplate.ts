// Drops what is not the article from scraped news paragraphs; kept paragraphs are returned unchanged, character for character.
import { isAppeal } from './appeals.js';
import { isCaption } from './captions.js';

const STANDALONE =
  /^(?:advertisement|advert|sponsored(?: content)?|read more|read next|support (?:us|now)|subscribe(?: now)?|sign up(?: now)?|share(?: this)?(?: (?:article|story|page))?|continue reading|skip (?:advert|ad)(?:vertisement)?|related(?: articles?| stories| content)?|most read|click here[^.]*)\W*$/i;
const NEAR_DUPLICATE = 0.85;
const MIN_DUPLICATE_WORDS = 4;
// A caption reprinted with a credit appended: nearly all of the shorter one's words are in the other.
const CONTAINED = 0.9;
const MIN_CONTAINED_WORDS = 8;
// Repeats (captions printed twice) sit close together; a window keeps this linear on huge files.
const DUPLICATE_WINDOW = 5;

export function isBoilerplate(paragraph: string): boolean {
  return STANDALONE.test(paragraph) || isAppeal(paragraph) || isCaption(paragraph);
}

export function stripBoilerplate(paragraphs: string[]): string[] {
  return dropRepeats(paragraphs.filter((paragraph) => !isBoilerplate(paragraph)));
}

/** Drops later copies of a paragraph: exact (ignoring case and punctuation) anywhere, near-identical nearby. */
export function dropRepeats(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const recent: Set<string>[] = [];
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    const words = wordsOf(paragraph);
    if (words.length >= MIN_DUPLICATE_WORDS) {
      const key = words.join(' ');
      const set = new Set(words);
      if (seen.has(key) || recent.some((other) => isNearCopy(set, other))) continue;
      seen.add(key);
      recent.push(set);
      if (recent.length > DUPLICATE_WINDOW) recent.shift();
    }
    kept.push(paragraph);
  }
  return kept;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function isNearCopy(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const smaller = Math.min(a.size, b.size);
  return shared / (a.size + b.size - shared) >= NEAR_DUPLICATE || (smaller >= MIN_CONTAINED_WORDS && shared / smaller >= CONTAINED);
}
