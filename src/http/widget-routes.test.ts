import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createSmallDeps } from '../../test/support/small-world.js';
import { widgetRoutes } from './widget-routes.js';

const WIDGET_JS = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const app = () => createApp(createSmallDeps().deps, { pages: widgetRoutes({ widgetJs: WIDGET_JS }) });

describe('widget routes', () => {
  it('serves the chat page under the page CSP, loading only its own script', async () => {
    const res = await app().request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).toContain('<remit-chat layout="page">');
    expect(html).not.toMatch(/<script>|<style>| style=/);
  });

  it('serves widget.js compressed, embeddable from other origins, and revalidates with a 304 that stays embeddable', async () => {
    const remit = app();
    const res = await remit.request('/widget.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    const body = await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).text();
    expect(body).toBe(WIDGET_JS);

    // A 304's headers replace the cached response's: a same-origin CORP here would block every embed after the first load.
    const etag = res.headers.get('ETag')!;
    const again = await remit.request('/widget.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
  });

  it('leaves the API locked to same-origin resource loads', async () => {
    const res = await app().request('/api/sources');
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
  });
});
