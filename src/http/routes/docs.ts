// GET /openapi.json (generated from the zod schemas) and GET /docs (Scalar's reference page reading it).
import { Scalar } from '@scalar/hono-api-reference';
import type { RemitApp } from '../env.js';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

export function registerDocsRoutes(app: RemitApp, info: { version: string }): void {
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Remit API',
      version: info.version,
      description: 'Plain answers about regulators’ powers; every claim cites the exact passage of a source. Errors are RFC 9457 problem details.',
    },
  });
  app.get(DOCS_PATH, Scalar({ url: OPENAPI_PATH, pageTitle: 'Remit API' }));
}
