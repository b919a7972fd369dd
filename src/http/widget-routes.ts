// GET / (the chat page) and GET /widget.js (the embeddable bundle, built once and held in memory).
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { chatPageHtml, WIDGET_SCRIPT_PATH } from '../widget/page.js';
import type { RemitApp } from './env.js';

export interface WidgetRoutesOptions {
  /** The built bundle (Node: `(await buildWidget()).js` from src/widget/build.ts). */
  widgetJs: string;
  /** The page's <title>. */
  title?: string;
  /** Gzip /widget.js here (default). Workers pass false: the runtime encodes bodies itself, so this would gzip twice. */
  compress?: boolean;
}

/** Pass to `createApp(deps, { pages: widgetRoutes({ widgetJs }) })`. */
export function widgetRoutes(options: WidgetRoutesOptions): (app: RemitApp) => void {
  const page = chatPageHtml({ title: options.title });
  return (app) => {
    // Other sites load this script with <script src>, a no-cors request that same-origin CORP would block. Set outermost
    // so the etag middleware's 304 carries it too: a 304's headers replace the cached ones.
    app.use(WIDGET_SCRIPT_PATH, async (c, next) => {
      await next();
      c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    });
    if (options.compress ?? true) app.use(WIDGET_SCRIPT_PATH, compress());
    app.use(WIDGET_SCRIPT_PATH, etag());
    app.get(WIDGET_SCRIPT_PATH, (c) =>
      c.body(options.widgetJs, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        // Revalidated with the ETag on each load, so a new deploy reaches embeds at once.
        'Cache-Control': 'public, max-age=0, must-revalidate',
      }),
    );
    app.get('/', (c) => c.html(page, 200, { 'Cache-Control': 'no-cache' }));
  };
}
