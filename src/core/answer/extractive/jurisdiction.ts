// A country the question names sets the jurisdiction: a UK explainer on chatbots does not answer a question about
// Canada's regulator. A sentence is read in the country it names itself; else in the country its document names
// nearest before it; else, with none before, in one named after it; else, in a text that names no country, in the
// country its source or the sources it cites are published under (legislation.gov.uk), if any.
import { countryNames, countryOfAddress } from '../../language/countries.js';
import type { Lexicon } from '../../language/lexicon.js';
import type { Candidate } from './candidates.js';
import type { NamePhrase } from './question.js';
import { stemsOf, words } from './terms.js';

/** The countries a question names, as stems (with the lexicon's other names for them: "Britain" -> "uk"). */
export function askedCountries(names: readonly NamePhrase[], lexicon?: Lexicon): Set<string>[] {
  return names.flatMap((n) => {
    const country = n.country ? countryOf(n.text, lexicon) : undefined;
    return country ? [new Set([...n.stems, ...n.alternatives, country, ...stemsOf(country)])] : [];
  });
}

/**
 * The country a word names, itself or by a derived form the lexicon knows ("Australian" -> "australia"), or a derived
 * form of another of the country's names ("European" -> "Europe", which WordNet lists among the EU's names).
 */
export function countryOf(word: string, lexicon?: Lexicon): string | undefined {
  const lower = word.toLowerCase().replace(/[’']s$/, '');
  if (countryNames().has(lower)) return lower;
  if (!lexicon) return undefined;
  const byStem = countriesByStem(lexicon);
  for (const related of lexicon.related(lower)) {
    if (related.relation === 'derivation' || related.relation === 'synonym') {
      const match = byStem.get(related.stem);
      if (match) return match;
    }
  }
  return undefined;
}

const countriesByStemOf = new WeakMap<Lexicon, Map<string, string>>();

/** Each country by the stem of its name and of the other names the lexicon gives it; built once per lexicon. */
function countriesByStem(lexicon: Lexicon): Map<string, string> {
  let known = countriesByStemOf.get(lexicon);
  if (known) return known;
  known = new Map();
  for (const country of countryNames()) if (!known.has(stemsOf(country)[0]!)) known.set(stemsOf(country)[0]!, country);
  for (const country of countryNames()) {
    for (const other of lexicon.related(country, 'noun')) if (other.relation === 'synonym' && !known.has(other.stem)) known.set(other.stem, country);
  }
  countriesByStemOf.set(lexicon, known);
  return known;
}

interface Mention {
  index: number;
  asked: boolean;
}

/**
 * A test of whether a candidate is read in one of the asked countries; always true when the question names none.
 * `documents` holds whole texts by id: the whole source is read, since an explainer names its country once, if at all.
 */
export function jurisdictionTest(
  countries: readonly Set<string>[],
  documents: ReadonlyMap<string, string>,
  lexicon?: Lexicon,
): (candidate: Candidate) => boolean {
  if (countries.length === 0) return () => true;
  const asked = (stem: string) => countries.some((c) => c.has(stem));
  const mentionsByText = new Map<string, Mention[]>();
  const mentionsOf = (text: string): Mention[] =>
    words(text).flatMap((w) => {
      if (!w.capitalised || w.part) return [];
      const country = countryOf(w.raw, lexicon);
      if (!country && !asked(w.stem)) return [];
      return [{ index: w.index, asked: asked(w.stem) || (country !== undefined && asked(country)) }];
    });
  return (candidate) => {
    const whole = documents.get(candidate.hit.document.id);
    const key = whole === undefined ? `chunk:${candidate.hit.chunk.id}` : `document:${candidate.hit.document.id}`;
    const mentions = mentionsByText.get(key) ?? mentionsByText.set(key, mentionsOf(whole ?? candidate.hit.chunk.text)).get(key)!;
    const offset = whole === undefined ? candidate.hit.chunk.start : 0;
    const start = candidate.start - offset;
    const end = candidate.end - offset;
    const inside = mentions.filter((m) => m.index >= start && m.index < end);
    if (inside.length > 0) return inside.some((m) => m.asked);
    const before = mentions.findLast((m) => m.index < start);
    if (before) return before.asked;
    const after = mentions.filter((m) => m.index >= end);
    if (after.length > 0) return after.some((m) => m.asked);
    const published = [candidate.hit.document.url, ...candidate.hit.document.sources.map((s) => s.url)].flatMap((url) => {
      const country = url === undefined ? undefined : countryOfAddress(url);
      return country === undefined ? [] : [country];
    });
    return published.length === 0 || published.some((country) => asked(country) || asked(stemsOf(country)[0]!));
  };
}
