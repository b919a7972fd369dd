// Splits an answer into claim sentences and the citation numbers each carries, as ALCE scores them.
import { sentenceSpans } from '../core/text/sentences.js';

/** `[1]`, `[2, 3]`: the answer's citation markers. */
const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
const HAS_WORD = /[\p{L}\p{N}]/u;

export interface Claim {
  /** The sentence without its markers. */
  text: string;
  /** Citation numbers attached to it, in order, without repeats. */
  cited: number[];
}

/** Answer text with every [n] marker removed and spacing repaired. */
export const stripMarkers = (answer: string): string =>
  answer.replace(MARKER, '').replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();

/** Every citation number used anywhere in the answer. */
export const markerNumbers = (answer: string): number[] =>
  [...answer.matchAll(MARKER)].flatMap((m) => m[1]!.split(',').map((n) => Number(n.trim())));

/**
 * Claim sentences of an answer. Markers are removed before segmenting (Intl.Segmenter splits
 * "fine.[1]" inside the bracket) and each is attached to the sentence it trails.
 */
export function claimsOf(answer: string): Claim[] {
  let plain = '';
  let from = 0;
  const markers: { at: number; numbers: number[] }[] = [];
  for (const match of answer.matchAll(MARKER)) {
    plain += answer.slice(from, match.index);
    markers.push({ at: plain.length, numbers: match[1]!.split(',').map((n) => Number(n.trim())) });
    from = match.index + match[0].length;
  }
  plain += answer.slice(from);
  const spans = sentenceSpans(plain);
  const claims = spans.map((span) => ({ text: tidy(plain.slice(span.start, span.end)), cited: [] as number[] }));
  for (const marker of markers) {
    // A marker belongs to the last sentence that starts before it: markers trail the claim they support.
    let owner = 0;
    spans.forEach((span, i) => (span.start < marker.at ? (owner = i) : undefined));
    const claim = claims[owner];
    if (claim) for (const n of marker.numbers) if (!claim.cited.includes(n)) claim.cited.push(n);
  }
  return claims.filter((c) => HAS_WORD.test(c.text));
}

const tidy = (text: string): string => text.replace(/[ \t]+([.,;:!?])/g, '$1').replace(/\s+/g, ' ').trim();
