// POST /api/ingest: add or replace a document (JSON text or a multipart file upload) behind the admin bearer token.
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createError } from '../../core/errors.js';
import { IndexInfo, IsoDate } from '../../core/schema.js';
import type { IngestFn, IngestInput } from '../deps.js';
import type { RemitApp } from '../env.js';
import { problem } from '../problem.js';
import { commonProblems, problemContent, z } from '../openapi-schemas.js';

const Metadata = {
  origin: z.string().min(1).max(500).optional().meta({ description: 'Stable name of the source; re-ingesting the same origin replaces it' }),
  title: z.string().min(1).max(500).optional(),
  publisher: z.string().max(200).optional(),
  date: IsoDate.optional(),
  // Shown as a link beside every citation: http(s) only (a javascript: or data: URL would run in a reader's browser).
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
};

const IngestText = z
  .object({
    text: z.string().min(1, 'text must not be empty'),
    contentType: z.enum(['text/plain', 'text/markdown', 'text/html']).default('text/plain'),
    ...Metadata,
  })
  .meta({ id: 'IngestText' });

const IngestUpload = z
  .object({
    file: z.custom<File>((value) => value instanceof File, 'expected a file').meta({ type: 'string', format: 'binary' }),
    ...Metadata,
  })
  .meta({ id: 'IngestUpload' });

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

const ingestRoute = (middleware: MiddlewareHandler[]) =>
  createRoute({
    method: 'post',
    path: '/api/ingest',
    tags: ['admin'],
    summary: 'Add or replace a document (admin)',
    description: 'Needs `Authorization: Bearer $REMIT_ADMIN_TOKEN`. Answers 404 when the server has no admin token configured.',
    security: [{ adminToken: [] }],
    middleware,
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
  app.openapi(ingestRoute([gate, deps.bodyLimit]), async (c) => {
    const input = await toIngestInput(c.req.valid('json'), c.req.valid('form'));
    const report = await ingest!(input);
    return c.json(report, report.added.length + report.replaced.length > 0 ? 201 : 200);
  });
}

async function toIngestInput(json: Partial<z.infer<typeof IngestText>>, form: Partial<z.infer<typeof IngestUpload>>): Promise<IngestInput> {
  if (form.file) {
    const { file, origin, ...metadata } = form;
    return { origin: origin ?? `upload:${file.name}`, bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type || undefined, metadata };
  }
  if (json.text) {
    const { text, contentType, origin, ...metadata } = json;
    const bytes = new TextEncoder().encode(text);
    return { origin: origin ?? `api:${await shortHash(bytes)}`, bytes, contentType, metadata };
  }
  throw createError({
    code: 'bad_input',
    message: 'Send JSON with `text`, or a multipart form with a `file`',
    details: [{ path: ['text'], message: 'expected text or a file' }],
  });
}

async function shortHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
