// POST /api/ingest: add or replace a document (JSON text or a multipart file upload) behind the admin bearer token.
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { IndexInfo } from '../../core/schema.js';
import type { IngestBody, IngestFn } from '../deps.js';
import { IngestText, IngestUpload } from '../ingest-body.js';
import type { RemitApp } from '../env.js';
import { problem } from '../problem.js';
import { commonProblems, problemContent, z } from '../openapi-schemas.js';

const Entry = z.object({ id: z.string(), origin: z.string() });
const IngestReportSchema = z
  .object({
    added: z.array(Entry),
    replaced: z.array(Entry),
    unchanged: z.array(Entry),
    moved: z.array(Entry.extend({ from: z.string() })).meta({ description: 'Stored texts that took a new origin (a moved or renamed file)' }),
    removed: z.array(Entry),
    skipped: z.array(z.object({ origin: z.string(), reason: z.string() })),
    warnings: z.array(z.object({ origin: z.string(), message: z.string() })).meta({ description: 'What was read but left out (a URL that is not http(s))' }),
    chunks: z.number().int(),
    index: IndexInfo.nullable(),
  })
  .meta({ id: 'IngestReport' });

const ingestRoute = createRoute({
  method: 'post',
  path: '/api/ingest',
  tags: ['admin'],
  summary: 'Add or replace a document (admin)',
  description: 'Needs `Authorization: Bearer $REMIT_ADMIN_TOKEN`. Answers 404 when the server has no admin token configured.',
  security: [{ adminToken: [] }],
  request: {
    body: {
      content: {
        'application/json': { schema: IngestText },
        'multipart/form-data': { schema: IngestUpload },
      },
    },
  },
  responses: {
    200: { description: 'Nothing changed (same text already indexed)', content: { 'application/json': { schema: IngestReportSchema } } },
    201: { description: 'Added or replaced', content: { 'application/json': { schema: IngestReportSchema } } },
    401: { description: 'Missing or wrong bearer token', content: problemContent },
    404: { description: 'Ingest is disabled on this server', content: problemContent },
    ...commonProblems,
  },
});

export function registerIngestRoute(
  app: RemitApp,
  deps: { ingest?: IngestFn; adminToken?: string; bodyLimit: MiddlewareHandler },
): void {
  const { ingest, adminToken } = deps;
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer' });
  // Disabled looks exactly like a route that does not exist, so probing reveals nothing.
  const gate: MiddlewareHandler = ingest && adminToken ? bearerAuth({ token: adminToken }) : async (c) => problem(c, { status: 404, code: 'not_found', detail: `No route ${c.req.method} ${c.req.path}` });
  // Documented like every route, but the body is read by `ingest` (readIngestBody), not validated here: on Node that
  // runs on the ingest thread, so a 10 MB JSON.parse never holds up other requests.
  app.openAPIRegistry.registerPath(ingestRoute);
  app.post(ingestRoute.path, gate, deps.bodyLimit, async (c) => {
    const body: IngestBody = { bytes: new Uint8Array(await c.req.arrayBuffer()), contentType: c.req.header('content-type') ?? '' };
    const report = await ingest!(body);
    return c.json(report, report.added.length + report.replaced.length > 0 ? 201 : 200);
  });
}
