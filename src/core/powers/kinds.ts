// The kinds of power a card can hold; apart from the schemas so `remit powers --help` can list them without loading zod.
export const POWER_KINDS = [
  'fine',
  'periodic_penalty',
  'business_disruption_order',
  'blocking_order',
  'information_notice',
  'criminal_liability',
  'removal_notice',
  'audit',
  'investigation',
  'other',
] as const;
