// How a powers card reads: its title and its filled fields in reading order. Which cards fit a question is the
// core's choice (core/powers/for-question.ts); these only word them.
import { describeLimit } from '../core/powers/limit.js';
import type { Power, PowerCitation, PowerField, PowerKind } from '../core/powers/schema.js';

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
