// Facts about the same power (regulator, statute, kind, scope) become one card; where sources disagree on a
// field, the card keeps the best-supported value and records every other value with its quote.
import type { PowerFact } from './facts.js';
import { slug } from './lexicon.js';
import { describeLimit, limitSize, limitsAgree } from './limit.js';
import { type Power, POWER_KINDS, type PowerCitation, type PowerConflict, type PowerField, type PowerLimit } from './schema.js';

export function mergeFacts(facts: readonly PowerFact[]): Power[] {
  const groups = new Map<string, PowerFact[]>();
  for (const fact of facts) push(groups, key(fact, fact.statute ?? fact.regime), fact);
  foldUnnamedStatutes(groups);
  return [...groups.values()].map(toPower).sort(byRegulatorThenKind);
}

const key = (fact: PowerFact, statute: string | undefined): string => [fact.regulator, statute ?? '', fact.kind, fact.scope ?? ''].join('|');

/** A sentence that names no statute joins its regulator's only statute for that kind; with several, it stays apart. */
function foldUnnamedStatutes(groups: Map<string, PowerFact[]>): void {
  for (const [groupKey, facts] of [...groups]) {
    const [regulator, statute, kind, scope] = groupKey.split('|');
    if (statute) continue;
    const named = [...groups.keys()].filter((k) => {
      const [r, s, kd, sc] = k.split('|');
      return r === regulator && s && kd === kind && sc === scope;
    });
    if (named.length !== 1) continue;
    groups.get(named[0]!)!.push(...facts);
    groups.delete(groupKey);
  }
}

function toPower(facts: PowerFact[]): Power {
  const first = facts[0]!;
  const statute = facts.find((f) => f.statute)?.statute;
  // A fact quoting one field (a model's) cites it for that field only; a rule fact's sentence states all of its fields.
  const stating = (field: 'kind' | 'scope') => facts.filter((f) => f.states === undefined || f.states === field);
  const citations: Power['citations'] = {
    regulator: unique(facts.map((f) => f.regulatorCitation)),
    kind: unique(stating('kind').map((f) => f.citation)),
  };
  const conflicts: PowerConflict[] = [];
  const power: Power = {
    id: [slug(first.regulator), slug(statute ?? 'unnamed-statute'), first.kind, ...(first.scope ? [slug(first.scope)] : [])].join('/'),
    regulator: first.regulator,
    kind: first.kind,
    citations,
    conflicts,
  };
  if (statute) {
    power.statute = statute;
    citations.statute = unique(facts.filter((f) => f.statute).map((f) => f.citation));
  }
  if (first.scope && stating('scope').length > 0) {
    power.scope = first.scope;
    citations.scope = unique(stating('scope').map((f) => f.citation));
  }
  // A power rests on several provisions; the card names the one most sources cite, which is not a disagreement.
  const section = mostCommon(facts.flatMap((f) => (f.section ? [f.section] : [])));
  if (section) {
    power.section = section;
    citations.section = unique(facts.filter((f) => f.section === section).map((f) => f.citation));
  }
  mergeLimit(power, facts);
  for (const field of ['decidedBy', 'status'] as const) mergeSimple(power, facts, field);
  const dated = facts.filter((f) => f.asOf && f.status === power.status);
  mergeSimple(power, dated, 'asOf');
  return power;
}

function mergeLimit(power: Power, facts: PowerFact[]): void {
  const stated = facts.filter((f): f is PowerFact & Required<Pick<PowerFact, 'limit'>> => f.limit !== undefined);
  if (!stated.length) return;
  // Support is counted over distinct limits: comparing every fact with every other was quadratic (a long report
  // stating one cap thousands of times took tens of seconds here).
  const distinct = new Map<string, { limit: PowerLimit; count: number }>();
  for (const { limit } of stated) {
    const key = limitKey(limit);
    const entry = distinct.get(key);
    if (entry) entry.count++;
    else distinct.set(key, { limit, count: 1 });
  }
  const supportOf = new Map<string, number>();
  for (const [key, { limit }] of distinct) {
    let n = 0;
    for (const other of distinct.values()) if (limitsAgree(limit, other.limit)) n += other.count;
    supportOf.set(key, n);
  }
  const support = (f: (typeof stated)[number]) => supportOf.get(limitKey(f.limit))!;
  const best = stated.reduce((a, b) => (support(b) > support(a) || (support(b) === support(a) && limitSize(b.limit) > limitSize(a.limit)) ? b : a));
  power.limit = best.limit;
  power.citations.limit = unique(stated.filter((f) => limitsAgree(best.limit, f.limit)).map((f) => f.citation));
  const others = stated.filter((f) => !limitsAgree(best.limit, f.limit));
  if (others.length) addConflict(power, 'limit', [best, ...others].map((f) => ({ value: describeLimit(f.limit), citation: f.citation })));
}

/** What limitsAgree compares (figures as sets, and the combinator), as a string. */
const limitKey = (limit: PowerLimit): string =>
  JSON.stringify([
    [...new Set(limit.amounts.map((a) => `${a.currency}${a.value}`))].sort(),
    [...new Set(limit.percentages.map((p) => p.value))].sort(),
    limit.combinator ?? '',
  ]);

function mergeSimple(power: Power, facts: PowerFact[], field: 'decidedBy' | 'status' | 'asOf'): void {
  const stated = facts.filter((f) => f[field] !== undefined);
  const value = mostCommon(stated.map((f) => f[field]!));
  if (value === undefined) return;
  (power as Record<string, unknown>)[field] = value;
  power.citations[field] = unique(stated.filter((f) => f[field] === value).map((f) => f.citation));
  const others = stated.filter((f) => f[field] !== value);
  if (others.length) addConflict(power, field, [stated.find((f) => f[field] === value)!, ...others].map((f) => ({ value: String(f[field]), citation: f.citation })));
}

/** One entry per distinct value: the first quote stating it. */
function addConflict(power: Power, field: PowerField, values: { value: string; citation: PowerCitation }[]): void {
  const distinct = values.filter((v, i) => values.findIndex((w) => w.value === v.value) === i);
  if (distinct.length > 1) power.conflicts.push({ field, values: distinct });
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

export function unique(citations: readonly PowerCitation[]): PowerCitation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const id = `${c.docId}:${c.start}:${c.end}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const byRegulatorThenKind = (a: Power, b: Power): number =>
  a.regulator.localeCompare(b.regulator) || POWER_KINDS.indexOf(a.kind) - POWER_KINDS.indexOf(b.kind) || a.id.localeCompare(b.id);

