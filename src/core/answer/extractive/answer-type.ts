// Whether a piece of text carries the kind of answer a question asks for: a figure, a date, an attributed statement.
import type { AnswerType } from './question.js';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const DATE = new RegExp(`\\b${MONTH}\\b|\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\\b|\\b(?:19|20)\\d{2}\\b`, 'i');
const MONEY = /[£$€]\s?\d|\b\d[\d,.]*\s?(?:%|per ?cent|million|billion|bn\b|m\b)|\b\d[\d,.]*\s?(?:euros?|pounds|dollars)\b/i;
// Numbers that name a thing rather than count it: legal references and calendar dates.
const NOT_A_QUANTITY = new RegExp(
  `\\b(?:sections?|articles?|art\\.|schedule|paragraph|part|chapter|regulations?|category|s\\.)\\s*\\d+[A-Z]?(?:\\(\\w+\\))*(?:\\s*(?:to|and|-)\\s*\\d+[A-Z]?)?` +
    `|\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s*(?:and|to|-|–)\\s*\\d{1,2}(?:st|nd|rd|th)?)?\\s+${MONTH}(?:\\s+\\d{4})?|\\b${MONTH}\\s+\\d{1,2}(?!\\d)(?:,\\s*\\d{4})?|\\b(?:19|20)\\d{2}(?:-\\d{2})?\\b`,
  'gi',
);
// A figure: digits standing alone ("£100", "10%", "34m", not "4chan"), or a number word.
const QUANTITY = /(?<!\p{L})\d[\d,.]*(?:m|bn|k)?(?!\p{L})|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|billion|half|dozens?|several)\b/iu;
const DURATION = new RegExp(`(?:${QUANTITY.source}|\\b(?:a|an|one)\\b)[\\s-]+(?:working[\\s-]+|calendar[\\s-]+|full[\\s-]+)?(?:days?|weeks?|months?|years?|hours?)\\b`, 'iu');
// The year in a statute's name ("Sexual Offences Act 2003") dates the law, not the event asked about.
const STATUTE_YEAR = /\b(?:Act|Regulations|Order|Bill|Directive)\s+(?:19|20)\d{2}\b/g;
const ATTRIBUTION = /\b(?:said|says|told|wrote|added|posted|claimed|stated|called|described|warned|branded|accused)\b|[“"]/i;

/** Country names in English, from the runtime's own region names (Node and Workers alike), plus the usual short forms. */
let countries: ReadonlySet<string> | undefined;
function countryNames(): ReadonlySet<string> {
  if (countries) return countries;
  const names = new Set(['uk', 'britain', 'england', 'scotland', 'wales', 'usa', 'america', 'eu', 'europe']);
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      const name = display.of(code);
      if (name && name !== code && !/\s/.test(name)) names.add(name.toLowerCase());
    }
  }
  return (countries = names);
}

// Regular demonyms back to the country: Australian, American, European, Canadian, Italian, Japanese, Chinese, Israeli.
const DEMONYM_ENDINGS: readonly [RegExp, string][] = [[/n$/, ''], [/an$/, ''], [/ian$/, 'a'], [/ian$/, 'y'], [/ese$/, ''], [/ese$/, 'a'], [/i$/, '']];

/** The country a word names, itself, as a possessive or by a regular demonym ("Canadian" -> "canada"), lowercased. */
export function countryNamed(word: string): string | undefined {
  const lower = word.toLowerCase().replace(/[’']s$/, '');
  const known = countryNames();
  if (known.has(lower)) return lower;
  for (const [ending, replacement] of DEMONYM_ENDINGS) {
    if (!ending.test(lower)) continue;
    const country = lower.replace(ending, replacement);
    if (known.has(country)) return country;
  }
  return undefined;
}

// Country-code domains whose region name is more than one word.
const DOMAIN_COUNTRIES: Readonly<Record<string, string>> = { us: 'usa', gb: 'uk' };
let regions: Intl.DisplayNames | undefined;

/** The country of a web address's country-code domain ("legislation.gov.uk" -> "uk", "esafety.gov.au" -> "australia"). */
export function countryOfAddress(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const host = new URL(url).hostname;
  const domain = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (!/^[a-z]{2}$/.test(domain)) return undefined;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
  return DOMAIN_COUNTRIES[domain] ?? countryNamed(domain) ?? countryNamed(regions.of(domain.toUpperCase()) ?? '');
}

/** Mentions a country the question does not: an answer to "which country". */
export function namesNewCountry(textWords: readonly { raw: string; stem: string }[], asked: ReadonlySet<string>): boolean {
  const known = countryNames();
  return textWords.some((w) => known.has(w.raw.toLowerCase()) && !asked.has(w.stem));
}

/** Carries a figure, a date or an attributed statement as asked; names (person, place) are judged against the question elsewhere. */
export function carriesAnswerType(type: AnswerType, text: string): boolean {
  switch (type) {
    case 'duration':
      return DURATION.test(text);
    case 'quantity':
      return MONEY.test(text) || QUANTITY.test(text.replace(NOT_A_QUANTITY, ' '));
    case 'amount':
      return MONEY.test(text);
    case 'date':
      return DATE.test(text.replace(STATUTE_YEAR, ' '));
    case 'statement':
      return ATTRIBUTION.test(text);
    case 'person':
    case 'place':
    case 'other':
      return false;
  }
}
