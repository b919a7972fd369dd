// What the powers cards show for a question: the regulator(s) it names, and whether it asks for a comparison.
// Pure functions over the /api/powers payload, so the component only renders.
import { describeLimit } from '../core/powers/limit.js';
import type { Power, PowerCitation, PowerField, PowerKind } from '../core/powers/schema.js';

/** The three regimes of the comparison view, each with the regulator whose cards stand for it. */
export const REGIMES = [
  { id: 'uk', label: 'UK Online Safety Act', regulator: 'Ofcom', cue: /\b(?:ofcom|uk|united kingdom|britain|british|online safety act 2023)\b/i },
  { id: 'eu', label: 'EU Digital Services Act', regulator: 'European Commission', cue: /\b(?:eu|european (?:commission|union)|dsa|digital services act|brussels)\b/i },
  { id: 'au', label: "Australia's eSafety", regulator: 'eSafety Commissioner', cue: /\b(?:esafety|australia(?:n)?|online safety act 2021)\b/i },
] as const;
export type RegimeId = (typeof REGIMES)[number]['id'];

const POWERS_CUE = /\b(?:power|powers|fine|fines|penalt|sanction|can (?:ofcom|the|it)|what can|block|ban|order|enforce|cap|maximum|compare|comparison|versus|vs\.?)\b/i;
const COMPARE_CUE = /\b(?:compare[sd]?|comparison|versus|vs\.?|differ(?:s|ence)?|against|stack up)\b/i;

export type PowersIntent = { view: 'cards'; regulator: string } | { view: 'compare'; regimes: RegimeId[] };

/** Cards for a question about one regulator's powers; the comparison for one naming two regimes or asking to compare. */
export function powersIntent(question: string): PowersIntent | undefined {
  if (!POWERS_CUE.test(question)) return undefined;
  const named = REGIMES.filter((r) => r.cue.test(question));
  if (named.length >= 2 || (named.length === 1 && COMPARE_CUE.test(question))) return { view: 'compare', regimes: REGIMES.map((r) => r.id) };
  return named.length === 1 ? { view: 'cards', regulator: named[0]!.regulator } : undefined;
}

export const KIND_LABEL: Record<PowerKind, string> = {
  fine: 'Fine',
  periodic_penalty: 'Periodic penalty',
  business_disruption_order: 'Business disruption order',
  blocking_order: 'Blocking / access restriction',
  information_notice: 'Information notice',
  criminal_liability: 'Criminal liability',
  removal_notice: 'Removal notice',
  audit: 'Audit / skilled person',
  investigation: 'Investigation',
  other: 'Other',
};

export interface CardField {
  label: string;
  value: string;
  quotes: PowerCitation[];
  /** Other values sources give for this field, each with its quote. */
  conflict?: { value: string; citation: PowerCitation }[];
}

const FIELD_LABELS: [PowerField, string][] = [
  ['statute', 'Statute'],
  ['section', 'Provision'],
  ['limit', 'Limit'],
  ['decidedBy', 'Decided by'],
  ['status', 'Status'],
  ['asOf', 'As of'],
];

/** The filled fields of a card in reading order; empty fields are left out rather than guessed. */
export function cardFields(power: Power): CardField[] {
  return FIELD_LABELS.flatMap(([field, label]) => {
    const value = fieldText(power, field);
    if (value === undefined) return [];
    const conflict = power.conflicts.find((c) => c.field === field)?.values;
    return [{ label, value, quotes: power.citations[field] ?? [], ...(conflict ? { conflict } : {}) }];
  });
}

export function fieldText(power: Power, field: PowerField): string | undefined {
  switch (field) {
    case 'limit':
      return power.limit ? describeLimit(power.limit) : undefined;
    case 'decidedBy':
      return power.decidedBy === 'court' ? 'a court (on application)' : power.decidedBy;
    case 'status':
      return power.status?.replace('_', ' ');
    case 'kind':
      return KIND_LABEL[power.kind] + (power.scope ? ` (${power.scope})` : '');
    default:
      return power[field] as string | undefined;
  }
}

export const cardTitle = (power: Power): string => fieldText(power, 'kind')!;

/** The kinds compared side by side, in the order a reader escalates through them. */
const COMPARED_KINDS: PowerKind[] = ['fine', 'periodic_penalty', 'information_notice', 'removal_notice', 'business_disruption_order', 'blocking_order', 'criminal_liability'];

export interface ComparisonCell {
  text: string;
  quote?: PowerCitation;
}

/** Rows of kinds, one cell per regime: the limit or who decides, else "yes"; "—" when no source states it. */
export function comparisonRows(powers: readonly Power[]): { kind: PowerKind; label: string; cells: ComparisonCell[] }[] {
  return COMPARED_KINDS.map((kind) => ({
    kind,
    label: KIND_LABEL[kind],
    cells: REGIMES.map((regime) => {
      const power = powers.find((p) => p.regulator === regime.regulator && p.kind === kind && !p.scope);
      if (!power) return { text: '—' };
      const detail = power.limit ? describeLimit(power.limit) : power.decidedBy === 'court' ? 'yes, by court order' : 'yes';
      const quote = (power.limit ? power.citations.limit : power.decidedBy === 'court' ? power.citations.decidedBy : power.citations.kind)?.[0];
      return { text: detail, ...(quote ? { quote } : {}) };
    }),
  })).filter((row) => row.cells.some((c) => c.text !== '—'));
}
