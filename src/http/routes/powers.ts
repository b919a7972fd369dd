// GET /api/powers: the powers cards (what each regulator can do, each field with its quotes), filtered by query.
import { createRoute } from '@hono/zod-openapi';
import { type PowersCatalog, powersFromDocuments } from '../../core/powers/catalog.js';
import { filterPowers } from '../../core/powers/extract.js';
import { powersForQuestion } from '../../core/powers/for-question.js';
import { REGIMES } from '../../core/powers/question.js';
import { Power, PowerKind, PowersQuery, PowersTable } from '../../core/powers/schema.js';
import { MAX_QUESTION_CHARS } from '../../core/schema.js';
import type { SourceCatalog } from '../deps.js';
import type { RemitApp } from '../env.js';
import { commonProblems, z } from '../openapi-schemas.js';

const PowerSchema = Power.meta({ id: 'Power' });
/** With `question`: which cards fit it, as every client shows them (the widget under its answers). */
const PowersSelection = z
  .object({
    view: z.enum(['cards', 'compare']),
    regulator: z.string().optional(),
    kinds: z.array(PowerKind),
    open: z.number().int().nonnegative().optional().meta({ description: 'Cards shown open; the rest are folded' }),
  })
  .nullable()
  .meta({ id: 'PowersSelection', description: 'Null when no cards fit the question' });
const PowerList = PowersTable.omit({ powers: true, version: true })
  .extend({ powers: z.array(PowerSchema), selection: PowersSelection.optional() })
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
      question: z
        .string()
        .trim()
        .min(1)
        .max(MAX_QUESTION_CHARS)
        .optional()
        .meta({ description: 'Only the cards that fit this question (its regulator and kinds, or the comparison)', example: 'What can Ofcom fine?' }),
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
    const { question, ...query } = c.req.valid('query');
    const filtered = filterPowers(powers, query);
    if (question === undefined) return c.json({ ...table, powers: filtered }, 200);
    const selection = powersForQuestion(question, filtered);
    if (!selection) return c.json({ ...table, powers: [], selection: null }, 200);
    if (selection.view === 'cards') {
      const { view, regulator, kinds, open } = selection;
      return c.json({ ...table, powers: selection.powers, selection: { view, regulator, kinds, open } }, 200);
    }
    // The comparison's cards: each regime's regulator, the compared kinds.
    const compared = new Set(selection.rows.map((row) => row.kind));
    const regulators = new Set<string>(REGIMES.map((r) => r.regulator));
    const cards = filtered.filter((p) => regulators.has(p.regulator) && compared.has(p.kind) && !p.scope);
    return c.json({ ...table, powers: cards, selection: { view: selection.view, kinds: selection.kinds } }, 200);
  });
}
