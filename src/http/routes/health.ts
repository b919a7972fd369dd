// GET /healthz: 200 with the index status when ready, 503 (problem details) while not.
import { createRoute } from '@hono/zod-openapi';
import type { SourceCatalog } from '../deps.js';
import type { RemitApp } from '../env.js';
import { problem } from '../problem.js';
import { problemContent, z } from '../openapi-schemas.js';

const Health = z
  .object({
    status: z.literal('ok'),
    documents: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
    embedder: z.string().optional(),
    builtAt: z.string().optional(),
    vectorSearch: z
      .object({
        mode: z.enum(['in-memory', 'indexed', 'exact']),
        building: z.object({ rows: z.number().int().nonnegative(), since: z.string() }).optional(),
      })
      .optional()
      .describe("How vector searches run: 'indexed' through the approximate index; 'exact' compares every vector (slow on a large index) while `building` says an index is being built; 'in-memory' for a small index"),
    memory: z
      .object({ heapLimitMb: z.number().int().nonnegative(), heapUsedMb: z.number().int().nonnegative() })
      .optional()
      .describe('The serving JavaScript heap: its limit (derived from the caches unless REMIT_HEAP_LIMIT says otherwise) and what it holds now, in MB'),
  })
  .meta({ id: 'Health' });

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['ops'],
  summary: 'Readiness: the index is open, not empty, and its files can be read',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Health } } },
    503: { description: 'Not ready: no index yet, its files damaged or missing, or shutting down', content: problemContent },
  },
});

export function registerHealthRoute(app: RemitApp, sources: SourceCatalog): void {
  // Registered by hand: the 503 is a problem Response, which typed openapi handlers do not accept.
  app.openAPIRegistry.registerPath(healthRoute);
  app.get('/healthz', async (c) => {
    const status = await sources.status();
    c.header('Cache-Control', 'no-store');
    if (!status.ready) return problem(c, { status: 503, code: 'not_ready', title: 'Not ready', detail: status.reason ?? 'The service is not ready' });
    const body: z.infer<typeof Health> = { status: 'ok', documents: status.documents, chunks: status.chunks, embedder: status.embedder, builtAt: status.builtAt, vectorSearch: status.vectorSearch, memory: status.memory };
    return c.json(body, 200);
  });
}
