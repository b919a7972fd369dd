// GET /api/powers: the powers cards (what each regulator can do, each field with its quotes), filtered by query.
import { createRoute } from '@hono/zod-openapi';
import { type PowersCatalog, powersFromDocuments } from '../../core/powers/catalog.js';
import { filterPowers } from '../../core/powers/extract.js';
import { Power, PowersQuery, PowersTable } from '../../core/powers/schema.js';
import type { SourceCatalog } from '../deps.js';
import type { RemitApp } from '../env.js';
import { commonProblems, z } from '../openapi-schemas.js';

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
  const catalog = deps.powers ?? powersFromDocuments(deps.sources);
  app.openapi(powersRoute, async (c) => {
    const { version: _version, powers, ...table } = await catalog.table();
    return c.json({ ...table, powers: filterPowers(powers, c.req.valid('query')) }, 200);
  });
}
