// GET /api/powers: the powers cards (what each regulator can do, each field with its quotes), filtered by query.
import { createRoute } from '@hono/zod-openapi';
import { extractPowers, filterPowers } from '../../core/powers/extract.js';
import { Power, PowersQuery, PowersTable } from '../../core/powers/schema.js';
import type { Document } from '../../core/schema.js';
import type { SourceCatalog } from '../deps.js';
import type { RemitApp } from '../env.js';
import { commonProblems, z } from '../openapi-schemas.js';

/** Where the table comes from: powers.json on Node (possibly Claude-built), or computed from the sources. */
export interface PowersCatalog {
  table(): Promise<PowersTable>;
}

const PowerSchema = Power.meta({ id: 'Power' });
const PowerList = PowersTable.omit({ powers: true, version: true })
  .extend({ powers: z.array(PowerSchema) })
  .meta({ id: 'PowerList' });

const powersRoute = createRoute({
  method: 'get',
  path: '/api/powers',
  tags: ['powers'],
  summary: 'What each regulator can do: one card per power, every field with exact quotes, conflicts between sources shown',
  request: {
    query: PowersQuery.extend({
      regulator: PowersQuery.shape.regulator.meta({ description: 'Regulator name or part of it, e.g. "Ofcom"', example: 'Ofcom' }),
      kind: PowersQuery.shape.kind.meta({ description: 'One power kind', example: 'fine' }),
    }),
  },
  responses: {
    200: { description: 'The matching powers', content: { 'application/json': { schema: PowerList } } },
    ...commonProblems,
  },
});

export function registerPowersRoute(app: RemitApp, deps: { sources: SourceCatalog; powers?: PowersCatalog }): void {
  const catalog = deps.powers ?? powersFromSources(deps.sources);
  app.openapi(powersRoute, async (c) => {
    const { version: _version, powers, ...table } = await catalog.table();
    return c.json({ ...table, powers: filterPowers(powers, c.req.valid('query')) }, 200);
  });
}

/** Rules extraction over the indexed documents, recomputed only when the set of documents changes. */
export function powersFromSources(sources: SourceCatalog, now: () => Date = () => new Date()): PowersCatalog {
  let cached: { key: string; table: PowersTable } | undefined;
  return {
    async table() {
      const metas = await sources.list();
      // Document ids are content hashes: the same ids mean the same texts.
      const key = metas.map((m) => m.id).sort().join(',');
      if (cached?.key === key) return cached.table;
      const documents = (await Promise.all(metas.map((m) => sources.get(m.id)))).filter((d): d is Document => d !== null);
      const table: PowersTable = { version: 1, builtAt: now().toISOString(), extractor: 'rules', documents: documents.length, powers: extractPowers(documents) };
      cached = { key, table };
      return table;
    },
  };
}
