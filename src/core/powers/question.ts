// What a question asks of the powers table: which regulator (or regimes, to compare) and which kinds of power.
import type { PowerKind } from './schema.js';

/** The three regimes of the comparison, each with the regulator whose cards stand for it. */
export const REGIMES = [
  { id: 'uk', label: 'UK Online Safety Act', regulator: 'Ofcom', cue: /\b(?:ofcom|uk|united kingdom|britain|british|online safety act 2023)\b/i },
  { id: 'eu', label: 'EU Digital Services Act', regulator: 'European Commission', cue: /\b(?:eu|european (?:commission|union)|dsa|digital services act|brussels)\b/i },
  { id: 'au', label: "Australia's eSafety", regulator: 'eSafety Commissioner', cue: /\b(?:esafety|australia(?:n)?|online safety act 2021)\b/i },
] as const;
export type RegimeId = (typeof REGIMES)[number]['id'];

// Questions about what a regulator may do; "why did Ofcom investigate X?" asks about events, not powers.
const POWERS_CUE =
  /\b(?:power|powers|fine[sd]?|fining|penalt(?:y|ies)|sanction|can (?:ofcom|the|it|they)|what can|block|ban|order|enforce|cap|maximum|how much|compare|comparison|versus|vs\.?|who decides)\b/i;
const COMPARE_CUE = /\b(?:compare[sd]?|comparison|versus|vs\.?|differ(?:s|ence)?|against|stack up)\b/i;

/** Words a reader uses for each kind, most specific first: "a daily penalty" is a periodic penalty, not a fine. */
const KIND_CUES: readonly { kinds: PowerKind[]; cue: RegExp }[] = [
  { kinds: ['periodic_penalty'], cue: /\b(?:periodic|daily)(?:[- ]rate)? penalt(?:y|ies)\b|\bper day\b/i },
  { kinds: ['fine'], cue: /\bfin(?:e|es|ed|ing)\b|\b(?:financial |civil |monetary )?penalt(?:y|ies)\b|\bhow much\b|\bmaximum\b/i },
  { kinds: ['blocking_order', 'business_disruption_order'], cue: /\bblock(?:s|ed|ing)?\b|\bban(?:s|ned|ning)?\b|\bcut (?:off|access)\b|\brestrict(?:ion)?s? access\b|\baccess restriction\b/i },
  { kinds: ['business_disruption_order'], cue: /\bbusiness disruption\b|\bpayment providers?\b|\badvertisers?\b|\bservice restriction\b/i },
  { kinds: ['information_notice'], cue: /\binformation (?:notices?|requests?)\b|\b(?:demand|request|require)s? information\b/i },
  { kinds: ['criminal_liability'], cue: /\bcriminal\b|\bjail\b|\bprison\b|\bprosecut\w*|\bsenior managers?\b/i },
  { kinds: ['removal_notice'], cue: /\bremov(?:e|al)\b|\btake (?:it |them )?down\b|\btakedown\b/i },
  { kinds: ['audit'], cue: /\baudits?\b|\bskilled person\b/i },
  { kinds: ['investigation'], cue: /\binvestigat\w*\b/i },
];

export type PowersAsked =
  | { view: 'cards'; regulator: string; kinds: PowerKind[] }
  | { view: 'compare'; regimes: RegimeId[]; kinds: PowerKind[] };

/**
 * Cards for a question about one regulator's powers, the comparison for one naming two regimes or asking to compare
 * one; `kinds` are the kinds of power it names, in the order named (empty: it asks about all of them).
 */
export function powersAsked(question: string): PowersAsked | undefined {
  if (!POWERS_CUE.test(question)) return undefined;
  const named = REGIMES.filter((r) => r.cue.test(question));
  const kinds = kindsAsked(question);
  if (named.length >= 2 || (named.length === 1 && COMPARE_CUE.test(question))) return { view: 'compare', regimes: REGIMES.map((r) => r.id), kinds };
  return named.length === 1 ? { view: 'cards', regulator: named[0]!.regulator, kinds } : undefined;
}

/** The kinds of power a question names, in the order it names them; a kind named twice counts once. */
export function kindsAsked(question: string): PowerKind[] {
  const found: { at: number; kinds: PowerKind[] }[] = [];
  const claimed: [number, number][] = [];
  for (const { kinds, cue } of KIND_CUES) {
    const match = cue.exec(question);
    if (!match) continue;
    const span: [number, number] = [match.index, match.index + match[0].length];
    // "daily penalty" already made a periodic penalty; its "penalty" is not also a fine.
    if (claimed.some(([start, end]) => span[0] < end && span[1] > start)) continue;
    claimed.push(span);
    found.push({ at: match.index, kinds });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).flatMap((f) => f.kinds))];
}
