// The words the rule extractor recognises: regulators, statutes, power kinds, provisions and dates.
import type { PowerKind, PowerStatus } from './schema.js';

export interface Mention<T = string> {
  value: T;
  start: number;
  end: number;
}

interface Entry<T> {
  value: T;
  pattern: RegExp;
}

/** Which statutes each regulator enforces: a regulator is only paired with a statute of its own regime. */
export const REGULATORS: readonly (Entry<string> & { statutes: readonly string[] })[] = [
  { value: 'Ofcom', pattern: /\bOfcom\b/g, statutes: ['Online Safety Act 2023'] },
  { value: 'European Commission', pattern: /\b(?:European Commission|[Tt]he Commission)\b/g, statutes: ['Digital Services Act'] },
  {
    value: 'Digital Services Coordinators',
    pattern: /\b(?:Digital Services Coordinators?|national regulators? in EU member states|national regulator(?:'s)?)\b/g,
    statutes: ['Digital Services Act'],
  },
  { value: 'eSafety Commissioner', pattern: /\beSafety(?: Commissioner)?\b/g, statutes: ['Online Safety Act 2021 (Australia)'] },
  { value: 'Irish regulator', pattern: /\bIrish regulator\b/g, statutes: ['Digital Services Act 2024 (Ireland)', 'Digital Services Act'] },
];

// Order matters: the specific names are tried first and claim their text.
export const STATUTES: readonly Entry<string>[] = [
  { value: 'Online Safety Act 2021 (Australia)', pattern: /\bAustralia(?:'s|’s) (?:Online Safety Act(?: 2021)?|section \d+)|\bOnline Safety Act 2021\b/g },
  { value: 'Digital Services Act 2024 (Ireland)', pattern: /\bIreland(?:'s|’s) Digital Services Act(?: 2024)?|\bDigital Services Act 2024\b/g },
  { value: 'Online Safety Act 2023', pattern: /\b(?:UK(?:'s|’s)? )?Online Safety Act(?! 2021)(?: 2023)?\b/g },
  { value: 'Digital Services Act', pattern: /\b(?:EU )?Digital Services Act\b|\bDSA\b/g },
];

// Specific cues first: "daily penalty" is a periodic penalty, not a fine.
export const KINDS: readonly Entry<PowerKind>[] = [
  { value: 'periodic_penalty', pattern: /\bperiodic penalt(?:y|ies)(?: payments?)?|\bdaily(?:[- ]rate)? penalt(?:y|ies)|\bpenalty charged at a daily rate/gi },
  { value: 'business_disruption_order', pattern: /\bbusiness disruption (?:measures?|orders?)|\b(?:interim )?service restriction orders?|\border (?:payment providers|advertisers)|\badvertisers and payment providers to withdraw/gi },
  { value: 'blocking_order', pattern: /\b(?:interim )?access restriction orders?|\bblocking orders?|\bblock (?:UK )?access|\bblock services|\brestrict(?:ion of)? access|\bcease orders?|\border requiring a service to stop|\border an online service to cease/gi },
  { value: 'removal_notice', pattern: /\bremoval notices?/gi },
  { value: 'information_notice', pattern: /\binformation notices?|\brequests? for information|\binformation requests?|\binformation-gathering power|\brequire any information|\breporting notice/gi },
  { value: 'criminal_liability', pattern: /\bcriminal(?:ly)? (?:liab(?:le|ility)|offences?|action)|\bprosecut(?:ed|ion)|\bprison\b/gi },
  { value: 'audit', pattern: /\bskilled person|\bremote viewing|\baudits?\b/gi },
  { value: 'investigation', pattern: /\b(?:formal )?investigation\b|\bformal (?:Digital Services Act )?proceedings/gi },
  { value: 'fine', pattern: /\bfin(?:e|es|ed|ing)\b|\bfinancial penalt(?:y|ies)|\bcivil penalt(?:y|ies)|\binfringement notice|\bpenalt(?:y|ies)\b/gi },
  { value: 'other', pattern: /\benforceable undertakings?|\binjunctions?\b|\bconfirmation decisions?|\bprovisional notices? of contravention/gi },
];

/** Provisions, normalised to their top level: "Article 74(2)" is cited as "Article 74". */
const PROVISION = /\bSchedule (\d+), paragraph (\d+)|\bArticles? (\d+)|\bsections? (\d+[A-Z]?)(?: to (\d+[A-Z]?))?|\bPart (\d+)\b/gi;

export function findProvisions(text: string): Mention[] {
  return [...text.matchAll(PROVISION)].map((m) => {
    const value = m[1]
      ? `Schedule ${m[1]}, paragraph ${m[2]}`
      : m[3]
        ? `Article ${m[3]}`
        : m[4]
          ? m[5] ? `sections ${m[4]} to ${m[5]}` : `section ${m[4]}`
          : `Part ${m[6]}`;
    return { value, start: m.index, end: m.index + m[0].length };
  });
}

export const STATUS_CUES: readonly Entry<PowerStatus>[] = [
  { value: 'in_force', pattern: /\bin force\b(?! in the coming)|\btook effect\b|\bcame into force\b|\bcommenced\b|\bbecame enforceable\b|\bapplied from\b/gi },
  { value: 'planned', pattern: /\bwould come into force\b|\bdue to apply\b|\bplans? to\b|\bwill come into force\b|\bcome into force in the coming\b/gi },
  { value: 'proposed', pattern: /\bproposed\b/gi },
];

const ACT = '(?:impose|fine|issue|give|require|send|order|demand)';
const ACTED = '(?:imposed|fined|issued|given|required|sent|ordered|demanded)';
const ACTS = '(?:imposes|fines|issues|gives|gave|requires|sends|orders|demands)';
/**
 * Read after a regulator's name: "Ofcom can impose", "the Commission fined", "Ofcom issues": the regulator acts on its
 * own authority. A base form needs a modal before it, so "Ofcom's fines" and "no Ofcom fine on X" (nouns) do not count.
 */
export const REGULATOR_ACTS = new RegExp(
  `^\\s*(?:(?:also|then|itself)\\s+)?(?:(?:can|may|could|will|would)\\s+(?:(?:also|then|itself)\\s+)?${ACT}|(?:has|had|have)\\s+(?:also\\s+)?${ACTED}|${ACTS}|${ACTED})\\b`,
  'i',
);
/** Read around a regulator's name: "lets Ofcom require", "allows the Commission to impose". */
export const ENABLES_REGULATOR = /\b(?:lets|allows|enables|permits|empowers)\s+(?:the\s+)?$/i;
export const ENABLED_ACT = new RegExp(`^\\s*(?:to\\s+)?${ACT}\\b`, 'i');
/** A power named as what a provider fails at ("fails to give ... a skilled person") is not that power. */
export const FAILURE_BEFORE = /\bfail(?:s|ed|ing|ures?)?\b[^,;]*$/i;
export const COURT = /\b(?:High Court|Federal Court(?: of Australia)?|courts?)\b/gi;
export const NEGATION = /\b(?:cannot|can't|can not|may not|not)\b/i;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE = /\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b/g;

/** Calendar dates written out in full, as ISO dates. */
export function findDates(text: string): Mention[] {
  return [...text.matchAll(DATE)].map((m) => {
    const month = String(MONTHS.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0');
    return { value: `${m[3]}-${month}-${m[1]!.padStart(2, '0')}`, start: m.index, end: m.index + m[0].length };
  });
}

export function findAll<T>(text: string, entries: readonly Entry<T>[]): Mention<T>[] {
  const found: Mention<T>[] = [];
  for (const { value, pattern } of entries) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      // An earlier, more specific entry already claimed this text.
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ value, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
