import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, NEWS_DIR } from './support/paths.js';
import { loadPaths } from '../src/adapter/node/read-paths.js';
import type { Document } from '../src/core/schema.js';
import { extractPowers, filterPowers } from '../src/core/powers/extract.js';
import { Power } from '../src/core/powers/schema.js';

const doc = (id: string, text: string): Document => ({ id, title: `Doc ${id}`, origin: `${id}.txt`, hash: id, sources: [], text });
const find = (powers: Power[], regulator: string, kind: string, scope?: string) =>
  powers.find((p) => p.regulator === regulator && p.kind === kind && p.scope === scope);

function expectExactQuotes(powers: Power[], documents: Document[]) {
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const power of powers) {
    const quotes = [...Object.values(power.citations).flat(), ...power.conflicts.flatMap((c) => c.values.map((v) => v.citation))];
    for (const c of quotes) expect(byId.get(c!.docId)!.text.slice(c!.start, c!.end)).toBe(c!.quote);
  }
}

describe('extractPowers over the project corpus and the shared news', () => {
  let documents: Document[];
  let powers: Power[];
  beforeAll(async () => {
    documents = (await loadPaths([CORPUS_DIR, NEWS_DIR])).documents;
    powers = extractPowers(documents);
  });

  it('builds valid cards whose every quote is the exact span of its document', () => {
    expect(powers.length).toBeGreaterThan(10);
    for (const power of powers) expect(() => Power.parse(power)).not.toThrow();
    expectExactQuotes(powers, documents);
  });

  it("parses Ofcom's fine cap into amounts, a percentage with its base and the greater-of rule", () => {
    const fine = find(powers, 'Ofcom', 'fine')!;
    expect(fine).toMatchObject({ statute: 'Online Safety Act 2023', section: 'Schedule 13, paragraph 4', decidedBy: 'regulator' });
    expect(fine.limit).toMatchObject({
      amounts: [{ value: 18_000_000, currency: 'GBP' }],
      percentages: [{ value: 10, of: 'qualifying worldwide revenue' }],
      combinator: 'greater_of',
    });
    // The news wording ("10% of global revenue") supports the same cap rather than contradicting it.
    expect(fine.citations.limit!.some((c) => c.quote.includes('global revenue'))).toBe(true);
    expect(fine.conflicts).toEqual([]);
    // Cases ("fined 4chan £20,000") are not limits.
    expect(fine.limit!.amounts.some((a) => a.value === 20_000)).toBe(false);
  });

  it('knows business disruption and blocking orders are made by a court', () => {
    expect(find(powers, 'Ofcom', 'business_disruption_order')).toMatchObject({ section: 'section 144', decidedBy: 'court' });
    expect(find(powers, 'Ofcom', 'blocking_order')).toMatchObject({ section: 'section 146', decidedBy: 'court' });
    expect(find(powers, 'eSafety Commissioner', 'blocking_order')).toMatchObject({ decidedBy: 'court', statute: 'Online Safety Act 2021 (Australia)' });
  });

  it('keeps the DSA caps apart: 6% fines, a 1% fine for information failures, 5% of daily turnover per day', () => {
    expect(find(powers, 'European Commission', 'fine')!.limit!.percentages[0]!.value).toBe(6);
    expect(find(powers, 'European Commission', 'fine', 'information failures')!.limit!.percentages[0]!.value).toBe(1);
    expect(find(powers, 'European Commission', 'periodic_penalty')!.limit).toMatchObject({ percentages: [{ value: 5 }], combinator: 'per_day' });
    expect(find(powers, 'Digital Services Coordinators', 'fine')!.limit!.percentages[0]!.value).toBe(6);
  });

  it('leaves a field empty when no source states it', () => {
    // No source ties the A$49.5 million under-16 fines to a named regulator, so no eSafety card claims them.
    for (const p of filterPowers(powers, { regulator: 'eSafety' })) expect(p.limit).toBeUndefined();
    expect(find(powers, 'Ofcom', 'investigation')!.limit).toBeUndefined();
  });

  it('filters by regulator (any case, part of the name) and kind', () => {
    const fines = filterPowers(powers, { regulator: 'ofcom', kind: 'fine' });
    expect(fines.map((p) => p.id)).toEqual(['ofcom/online-safety-act-2023/fine']);
  });
});

describe('extractPowers on the news alone', () => {
  it('finds the Ofcom fine cap and the court-approved business disruption order in the articles', async () => {
    const { documents } = await loadPaths([NEWS_DIR]);
    const powers = extractPowers(documents);
    expectExactQuotes(powers, documents);
    expect(find(powers, 'Ofcom', 'fine')!.limit).toMatchObject({ amounts: [{ value: 18_000_000, currency: 'GBP' }], percentages: [{ value: 10 }] });
    expect(find(powers, 'Ofcom', 'business_disruption_order')!.decidedBy).toBe('court');
  });
});

describe('conflicts between sources', () => {
  it('records two different figures for the same cap, each with its quote', () => {
    const documents = [
      doc('a', 'Ofcom can fine a provider up to £18 million under the Online Safety Act 2023.'),
      doc('b', 'Ofcom can fine a provider up to £15 million under the Online Safety Act 2023.'),
      doc('c', 'Under the Online Safety Act 2023, Ofcom can fine a provider up to £18 million.'),
    ];
    const [fine] = extractPowers(documents);
    expect(fine!.limit!.amounts).toEqual([{ value: 18_000_000, currency: 'GBP' }]);
    expect(fine!.citations.limit!.map((c) => c.docId)).toEqual(['a', 'c']);
    expect(fine!.conflicts).toHaveLength(1);
    expect(fine!.conflicts[0]!.field).toBe('limit');
    expect(fine!.conflicts[0]!.values.map((v) => [v.value, v.citation.docId])).toEqual([['£18m', 'a'], ['£15m', 'b']]);
    expectExactQuotes([fine!], documents);
  });

  it('does not count different wording of the same revenue base, or a partial statement, as a conflict', () => {
    const documents = [
      doc('a', 'Ofcom can fine a provider the greater of £18 million or 10% of qualifying worldwide revenue under the Online Safety Act.'),
      doc('b', 'Under the Online Safety Act, Ofcom can fine companies up to £18m or 10% of global revenue.'),
      doc('c', 'Under the Online Safety Act, even a small provider can be fined by Ofcom up to £18 million.'),
    ];
    const [fine] = extractPowers(documents);
    expect(fine!.conflicts).toEqual([]);
    expect(fine!.citations.limit).toHaveLength(3);
  });

  it('records a disagreement on who decides', () => {
    const documents = [
      doc('a', 'Under the Online Safety Act, Ofcom can apply to a court for a business disruption order.'),
      doc('b', 'Under the Online Safety Act, Ofcom can impose a business disruption order.'),
      doc('c', 'Ofcom must apply to the High Court for any business disruption order under the Online Safety Act.'),
    ];
    const [order] = extractPowers(documents);
    expect(order!.decidedBy).toBe('court');
    expect(order!.conflicts.map((c) => [c.field, c.values.map((v) => v.value)])).toEqual([['decidedBy', ['court', 'regulator']]]);
  });
});
