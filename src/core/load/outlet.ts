// Who published a scraped article, when its text says so: an agency credit on the story ("LONDON (Reuters) -",
// "Additional reporting by PA Media") or the outlet a donation appeal asks readers to support ("The Independent is
// on the ground..."). A photo's credit names who took the picture, not who ran the story, so it never counts.
import { isAppeal } from './appeals.js';

/** Agencies as their credits abbreviate them, with the name a reader knows. */
const AGENCIES: readonly { name: string; credit: RegExp }[] = [
  { name: 'Reuters', credit: /Reuters/ },
  { name: 'The Associated Press', credit: /AP|Associated Press|The Associated Press/ },
  { name: 'AFP', credit: /AFP|Agence France-Presse/ },
  { name: 'PA Media', credit: /PA|PA Media|PA Wire|Press Association|the Press Association/ },
  { name: 'Bloomberg', credit: /Bloomberg/ },
  { name: 'dpa', credit: /dpa/ },
  { name: 'UPI', credit: /UPI/ },
];
const AGENCY = `(?:${AGENCIES.map((a) => a.credit.source).join('|')})`;

// "LONDON (Reuters) - ...", "WASHINGTON (AP) — ...": the wire's dateline opens the story.
const DATELINE = new RegExp(`^[A-Z][A-Za-z .,'’-]{1,40}\\s\\((${AGENCY})\\)\\s*[-–—]\\s`);
// A line of its own crediting the story: "Additional reporting by Reuters", "Press Association", "(AP)".
const STORY_CREDIT = new RegExp(`^(?:(?:Additional )?(?:reporting|writing) by|Source:|Copyright(?: \\d{4})?|©(?: \\d{4})?)?\\s*\\(?(${AGENCY})\\)?(?:\\s*(?:contributed to this report|All rights reserved))?\\.?$`, 'i');
const PHOTO = /\b(?:Photo|Photograph|Image|Picture|Pic|Video|Illustration)s?\b/i;

/** The outlet a scraped article's own text names as its publisher, or undefined when it names none. */
export function publisherFromText(paragraphs: readonly string[]): string | undefined {
  return agencyCredit(paragraphs) ?? appealOutlet(paragraphs);
}

function agencyCredit(paragraphs: readonly string[]): string | undefined {
  const dateline = paragraphs.slice(0, 3).map((p) => DATELINE.exec(p)?.[1]).find(Boolean);
  if (dateline) return agencyName(dateline);
  for (const paragraph of paragraphs) {
    if (paragraph.length > 120 || PHOTO.test(paragraph)) continue;
    const credit = STORY_CREDIT.exec(paragraph.trim())?.[1];
    if (credit) return agencyName(credit);
  }
  return undefined;
}

const agencyName = (credit: string): string | undefined =>
  AGENCIES.find((a) => new RegExp(`^(?:${a.credit.source})$`, 'i').test(credit.trim()))?.name;

// "The Independent is on the ground", "support The Guardian", "subscribe to The Telegraph".
const OUTLET_NAME = String.raw`(The (?:[A-Z][\w&’'-]*)(?: [A-Z][\w&’'-]*){0,2})`;
const APPEAL_SUBJECT = new RegExp(`${OUTLET_NAME} (?:is|has|relies|depends|needs|will|can)\\b`, 'g');
const APPEAL_OBJECT = new RegExp(`\\b(?:support|subscribe to|donate to|join|back) ${OUTLET_NAME}`, 'g');
// Quoted names are titles of things the outlet made ("our documentary, 'The A Word'"), not the outlet.
const QUOTED = /[‘'“"][^‘'“”"’]{1,60}[’'”"]/g;

function appealOutlet(paragraphs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const paragraph of paragraphs.filter(isAppeal)) {
    const unquoted = paragraph.replace(QUOTED, ' ');
    for (const m of [...unquoted.matchAll(APPEAL_SUBJECT), ...unquoted.matchAll(APPEAL_OBJECT)]) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
