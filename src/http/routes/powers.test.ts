import { describe, expect, it } from 'vitest';
import { NEWS_DIR } from '../../../test/support/paths.js';
import { loadPaths } from '../../../test/support/sources.js';
import { createApp } from '../app.js';
import type { SourceCatalog } from '../deps.js';
import { createSmallDeps } from '../../../test/support/small-world.js';

const { documents } = await loadPaths([NEWS_DIR]);
let gets = 0;
const newsSources: SourceCatalog = {
  list: async () => documents.map(({ text: _text, ...meta }) => meta),
  get: async (id) => (gets++, documents.find((d) => d.id === id) ?? null),
  status: async () => ({ ready: true, documents: documents.length, chunks: 0 }),
};

describe('GET /api/powers', () => {
  const app = createApp(createSmallDeps({ sources: newsSources }).deps);

  it("lists Ofcom's fine with its cap, each field quoted from the news", async () => {
    const res = await app.request('/api/powers?regulator=ofcom&kind=fine');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ extractor: 'rules', documents: documents.length });
    expect(body.powers).toHaveLength(1);
    const [fine] = body.powers;
    expect(fine.limit.amounts).toEqual([{ value: 18_000_000, currency: 'GBP' }]);
    const quote = fine.citations.limit[0];
    expect(documents.find((d) => d.id === quote.docId)!.text.slice(quote.start, quote.end)).toBe(quote.quote);
  });

  it('with a question, gives only the cards that fit it, as the widget shows them', async () => {
    const body = await (await app.request(`/api/powers?question=${encodeURIComponent('What can Ofcom fine under the Online Safety Act?')}`)).json();
    expect(body.selection).toEqual({ view: 'cards', regulator: 'Ofcom', kinds: ['fine'], open: 1 });
    expect(body.powers.map((p: { regulator: string; kind: string }) => `${p.regulator}/${p.kind}`)).toEqual(['Ofcom/fine']);
    const none = await (await app.request(`/api/powers?question=${encodeURIComponent('What did Elon Musk say?')}`)).json();
    expect(none).toMatchObject({ powers: [], selection: null });
  });

  it('extracts once per set of documents', async () => {
    const before = gets;
    await app.request('/api/powers');
    await app.request('/api/powers?kind=business_disruption_order');
    expect(gets).toBe(before);
  });

  it('answers an unknown kind with a 400 problem naming the field', async () => {
    const res = await app.request('/api/powers?kind=banishment');
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(JSON.stringify(await res.json())).toContain('kind');
  });

  it('is described in the OpenAPI document with its query and Power schema', async () => {
    const spec = await (await app.request('/openapi.json')).json();
    const op = spec.paths['/api/powers'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['kind', 'question', 'regulator']);
    expect(spec.components.schemas.Power.properties.limit).toBeDefined();
  });

  it('serves a given table (e.g. powers.json) instead of computing one', async () => {
    const table = { version: 1 as const, builtAt: '2026-01-01T00:00:00.000Z', extractor: 'claude' as const, documents: 0, powers: [] };
    const given = createApp(createSmallDeps({ sources: newsSources, powers: { table: async () => table } }).deps);
    expect(await (await given.request('/api/powers')).json()).toEqual({ builtAt: table.builtAt, extractor: 'claude', documents: 0, powers: [] });
  });
});
