// GET /api/sources and /api/sources/{id}: document metadata, and one document's clean text for highlighting cited spans.
import { createRoute } from '@hono/zod-openapi';
import { createError } from '../../core/errors.js';
import { DocumentId } from '../../core/schema.js';
import type { SourceCatalog } from '../deps.js';
import type { RemitApp } from '../env.js';
import { commonProblems, DocumentMetaSchema, DocumentSchema, problemContent, z } from '../openapi-schemas.js';

const SourceList = z.object({ documents: z.array(DocumentMetaSchema) }).meta({ id: 'SourceList' });

const listRoute = createRoute({
  method: 'get',
  path: '/api/sources',
  tags: ['sources'],
  summary: 'List the indexed documents',
  responses: { 200: { description: 'Every document, without its text', content: { 'application/json': { schema: SourceList } } }, ...commonProblems },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}',
  tags: ['sources'],
  summary: 'One document with its clean text; citation offsets index into `text`',
  request: {
    params: z.object({
      id: DocumentId.meta({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: 'The document', content: { 'application/json': { schema: DocumentSchema } } },
    404: { description: 'No document with that id', content: problemContent },
    ...commonProblems,
  },
});

export function registerSourceRoutes(app: RemitApp, sources: SourceCatalog): void {
  app.openapi(listRoute, async (c) => c.json({ documents: await sources.list() }, 200));
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const document = await sources.get(id);
    if (!document) throw createError({ code: 'not_found', message: `No document ${id}`, hint: 'List ids with GET /api/sources.' });
    return c.json(document, 200);
  });
}
