// GET /openapi.json (generated from the zod schemas) and GET /docs (Scalar's API reference reading it). The page has no
// inline script: Scalar's standalone bundle mounts itself on <script id="api-reference" data-url>. Node serves the
// bundle from the installed @scalar/api-reference, so the reference works offline; Workers load the same version
// from a CDN.
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import type { CspDirectives } from '../deps.js';
import type { RemitApp } from '../env.js';
import { escapeHtml } from '../../widget/page.js';
import { mergeCsp, PAGE_CSP } from '../middleware/security.js';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';
/** The @scalar/api-reference version in package.json (pinned: later ones need Node 22). */
export const SCALAR_VERSION = '1.46.4';
export const SCALAR_CDN_URL = `https://cdn.jsdelivr.net/npm/@scalar/api-reference@${SCALAR_VERSION}/dist/browser/standalone.js`;

/** Scalar's standalone bundle (`@scalar/api-reference/browser/standalone.js`) and the version it came from. */
export interface ScalarBundle {
  version: string;
  script: string;
}

export interface DocsOptions {
  version: string;
  /** Served by the app at /docs/scalar-<version>.js when given; otherwise the page loads SCALAR_CDN_URL. */
  scalar?: ScalarBundle;
  /** Gzip the bundle here (default). Workers pass false: the runtime encodes bodies itself. */
  compress?: boolean;
}

/** Scalar injects its stylesheet as a <style> element, so the page allows inline styles; scripts stay 'self'. */
export function docsCsp(scalar: ScalarBundle | undefined): CspDirectives {
  return mergeCsp(PAGE_CSP, {
    scriptSrc: scalar ? [] : ['https://cdn.jsdelivr.net'],
    styleSrc: ["'unsafe-inline'"],
    fontSrc: ["'self'", 'data:'],
  });
}

// Everything that would reach Scalar's servers is off: its web fonts (the system's are used), its AI agent (which
// loads a registry through Scalar's proxy), telemetry and the developer toolbar. The page works offline.
const SCALAR_CONFIGURATION = { withDefaultFonts: false, agent: { disabled: true }, telemetry: false, showDeveloperTools: 'never' };

export function docsPageHtml(scriptUrl: string): string {
  const configuration = escapeHtml(JSON.stringify(SCALAR_CONFIGURATION));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Remit API</title>
</head>
<body>
<script id="api-reference" type="application/json" data-url="${OPENAPI_PATH}" data-configuration="${configuration}"></script>
<script src="${escapeHtml(scriptUrl)}"></script>
</body>
</html>
`;
}

export function registerDocsRoutes(app: RemitApp, options: DocsOptions): void {
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Remit API',
      version: options.version,
      description: 'Plain answers about regulators’ powers; every claim cites the exact passage of a source. Errors are RFC 9457 problem details.',
    },
  });
  const { scalar } = options;
  const scriptPath = scalar ? `${DOCS_PATH}/scalar-${scalar.version}.js` : undefined;
  const page = docsPageHtml(scriptPath ?? SCALAR_CDN_URL);
  app.get(DOCS_PATH, (c) => c.html(page, 200, { 'Cache-Control': 'no-cache' }));
  if (!scalar || !scriptPath) return;
  if (options.compress ?? true) app.use(scriptPath, compress());
  app.use(scriptPath, etag());
  app.get(scriptPath, (c) =>
    c.body(scalar.script, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      // The version is in the path: a new version is a new URL.
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );
}

