import { describe, expect, it } from 'vitest';
import type { Citation } from '../core/schema.js';
import { alsoCarriedLabel, groupSources, outletLine, primaryLine, safeHttpUrl, viaLine } from './source-groups.js';

const citation = (n: number, docId: string, alsoIn: string[] = []): Citation => ({
  n,
  docId,
  title: `Title ${docId}`,
  publisher: `Outlet ${docId}`,
  date: '2026-01-12',
  origin: `${docId}.txt`,
  quote: `quote ${n}`,
  start: n * 10,
  end: n * 10 + 5,
  alsoIn: alsoIn.map((id) => ({ docId: id, title: `Title ${id}`, publisher: `Outlet ${id}`, origin: `${id}.txt` })),
  sources: [],
});

describe('groupSources', () => {
  it('lists the primary sources a document’s cited passages rest on, each once with its markers', () => {
    const act = { publisher: 'legislation.gov.uk', title: 'Online Safety Act 2023, section 100', url: 'https://legislation.gov.uk/ukpga/2023/50/section/100' };
    const release = { publisher: 'Ofcom', title: 'Ofcom news release, 27 February 2026' };
    const groups = groupSources([
      { ...citation(1, 'a'), primarySource: act },
      { ...citation(2, 'a'), primarySource: release },
      { ...citation(3, 'a'), primarySource: { ...act } },
      citation(4, 'b'),
    ]);
    expect(groups[0]!.primaries).toEqual([
      { numbers: [1, 3], source: act },
      { numbers: [2], source: release },
    ]);
    expect(groups[1]!.primaries).toEqual([]);
  });

  it('lists each cited document once with all its marker numbers, opening at its first citation', () => {
    const groups = groupSources([citation(3, 'a'), citation(1, 'a'), citation(2, 'b')]);
    expect(groups.map((g) => [g.docId, g.numbers, g.first.n])).toEqual([
      ['a', [1, 3], 1],
      ['b', [2], 2],
    ]);
  });

  it('collapses carriers: each other outlet counted once, and never one already listed as a source', () => {
    const groups = groupSources([citation(1, 'a', ['x', 'y', 'b']), citation(2, 'a', ['x']), citation(3, 'b')]);
    expect(groups[0]!.otherOutlets.map((o) => o.docId)).toEqual(['x', 'y']);
    expect(alsoCarriedLabel(groups[0]!.otherOutlets.length)).toBe('also carried by 2 other outlets');
  });
});

describe('labels', () => {
  it('says nothing for a unique passage and uses the singular for one outlet', () => {
    expect(alsoCarriedLabel(0)).toBe('');
    expect(alsoCarriedLabel(1)).toBe('also carried by 1 other outlet');
  });

  it('joins outlet and date, or gives an empty line', () => {
    expect(outletLine({ publisher: 'BBC', date: '2026-01-12' })).toBe('BBC · 2026-01-12');
    expect(outletLine({ date: '2026-01-12' })).toBe('unknown outlet · 2026-01-12');
    expect(outletLine({})).toBe('unknown outlet');
  });

  it('lets only http(s) URLs become links', () => {
    expect(safeHttpUrl('https://www.ofcom.org.uk/a b')).toBe('https://www.ofcom.org.uk/a%20b');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
  });
});

describe('primaryLine and viaLine', () => {
  it('name a primary source the way a citation does, and the explainer that carries it', () => {
    expect(primaryLine({ publisher: 'legislation.gov.uk', title: 'Online Safety Act 2023, Schedule 13, paragraph 4' })).toBe(
      'Online Safety Act 2023, Sch. 13 para 4 · legislation.gov.uk',
    );
    expect(primaryLine({ url: 'https://example.org/x' })).toBe('https://example.org/x');
    expect(viaLine({ title: 'Ofcom’s fines', publisher: 'Remit explainers', date: '2026-05-20' })).toBe('via Remit explainers · 2026-05-20');
  });
});
