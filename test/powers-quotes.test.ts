// Every filled field of every powers card over the default corpus (corpus/) cites quotes that state that field: a quote
// cited for "decided by: regulator" says the regulator acts, one cited for the kind states that power, and so on. The
// checks here read each quote on its own, apart from how the extractor found it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPaths } from '../src/adapter/node/read-paths.js';
import { extractPowers } from '../src/core/powers/extract.js';
import { COURT, findDates, findProvisions, KINDS, REGULATORS, STATUS_CUES, STATUTES } from '../src/core/powers/lexicon.js';
import { findFigures } from '../src/core/powers/limit.js';
import type { Power, PowerField } from '../src/core/powers/schema.js';
import { CORPUS_DIR } from './support/paths.js';

const named = (entries: readonly { value: string; pattern: RegExp }[], value: string, quote: string): boolean =>
  entries.some((entry) => entry.value === value && new RegExp(entry.pattern.source, entry.pattern.flags.replace('g', '')).test(quote));

/** The regulator does the act itself: "Ofcom can fine", "the Commission fined", "Ofcom issues" (not "Ofcom's fines", "no Ofcom fine"). */
const ACTS = '(?:(?:also|then|itself)\\s+)?(?:(?:can|may|could|will|would)\\s+(?:also\\s+|then\\s+)?(?:impose|fine|issue|give|require|send|order|demand)|(?:has|had|have)\\s+(?:also\\s+)?(?:imposed|fined|issued|given|required|sent|ordered|demanded)|imposes|imposed|fines|fined|issues|issued|gives|gave|requires|required|sends|sent|orders|ordered|demands|demanded)\\b';

const BASE = '(?:impose|fine|issue|give|require|send|order|demand)';

/** Whether `quote` states `value` of `field` for `power`. */
function statesField(power: Power, field: PowerField, value: string, quote: string): boolean {
  switch (field) {
    case 'regulator':
      return named(REGULATORS, value, quote);
    case 'statute':
      return named(STATUTES, value, quote);
    case 'kind':
      // A cue the sentence names as what a provider fails at, or rules out, states no power of the regulator.
      return KINDS.filter((k) => k.value === value).some((k) =>
        [...quote.matchAll(k.pattern)].some((m) => !/\bfail|\bwithout\b/i.test(quote.slice(0, m.index).split(/[,;]/).at(-1)!)),
      );
    case 'section':
      return findProvisions(quote).some((p) => p.value === value);
    case 'scope':
      return value === 'information failures' ? /\b(?:incorrect|incomplete|inaccurate|misleading) information|\binformation failings\b/i.test(quote) : quote.toLowerCase().includes(value);
    case 'limit': {
      const figures = findFigures(quote);
      const limit = power.limit!;
      return [...limit.amounts.map((a) => figures.some((f) => f.money?.value === a.value && f.money.currency === a.currency)), ...limit.percentages.map((p) => figures.some((f) => f.percentage?.value === p.value))].some(Boolean);
    }
    case 'decidedBy':
      if (value === 'court') return new RegExp(COURT.source, 'i').test(quote);
      return REGULATORS.filter((r) => r.value === power.regulator).some(
        (r) => new RegExp(`(?:${r.pattern.source})\\s+${ACTS}`, 'i').test(quote) || new RegExp(`\\b(?:lets|allows|enables|permits|empowers)\\s+(?:the\\s+)?(?:${r.pattern.source})\\s+(?:to\\s+)?${BASE}\\b`, 'i').test(quote),
      );
    case 'status':
      return named(STATUS_CUES, value, quote);
    case 'asOf':
      return findDates(quote).some((d) => d.value === value);
  }
}

const valueOf = (power: Power, field: PowerField): string => (field === 'limit' ? power.limit!.text : String(power[field]));

describe('powers cards over the default corpus', () => {
  let powers: Power[];
  beforeAll(async () => {
    const { documents } = await loadPaths([CORPUS_DIR]);
    powers = extractPowers(documents.sort((a, b) => a.origin.localeCompare(b.origin)));
  });

  it('cite, for every field, only quotes that state that field', () => {
    const unstated: string[] = [];
    for (const power of powers) {
      for (const [field, citations] of Object.entries(power.citations) as [PowerField, Power['citations'][PowerField]][]) {
        for (const citation of citations ?? []) {
          if (!statesField(power, field, valueOf(power, field), citation.quote)) unstated.push(`${power.id} ${field}=${valueOf(power, field)}: “${citation.quote}”`);
        }
      }
      for (const conflict of power.conflicts) {
        for (const { value, citation } of conflict.values) {
          if (conflict.field !== 'limit' && !statesField(power, conflict.field, value, citation.quote)) unstated.push(`${power.id} ${conflict.field} (conflict)=${value}: “${citation.quote}”`);
        }
      }
    }
    expect(unstated).toEqual([]);
    expect(powers.length).toBeGreaterThan(10);
  });
});
