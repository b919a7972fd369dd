// /docs in a real browser with no internet: Scalar's reference, served from the installed package, lists every route.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/adapter/node/serve.js';
import { buildWidget } from '../../src/adapter/node/widget-bundle.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { expectCleanConsole, guardedPage, launchChromium, offline, screenshot } from './support/browser.js';
import { startRemit } from './support/servers.js';

let tmp: string;
let fixture: FixtureIndex;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'remit-docs-'));
  const [built, index] = await Promise.all([buildWidget(), buildFixtureIndex({ corpus: false })]);
  fixture = index;
  server = await startRemit({ runtime: fixture.runtime, widgetJs: built.js, db: fixture.dir, feedbackFile: join(tmp, 'feedback.jsonl') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixture?.cleanup().catch(() => {});
  await rm(tmp, { recursive: true, force: true });
});

describe('/docs', () => {
  it('renders the API reference with every route, offline, without a console error', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const network = await offline(context);
    const { page, console } = await guardedPage(context);
    try {
      await page.goto(`${server.url}/docs`);
      const openapi = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { summary?: string }>> };
      const paths = Object.keys(openapi.paths);
      expect(paths.length).toBeGreaterThan(5);
      // Every operation's path is shown (Scalar lists them in the sidebar and in each operation's heading).
      const body = page.locator('body');
      for (const path of paths) await expect.poll(() => body.innerText(), { timeout: 20_000 }).toContain(path.replace(/\{(\w+)\}/g, '{$1}'));
      expect(await page.title()).toBe('Remit API');
      await screenshot(page, 'docs-offline');
      expect(network.blocked).toEqual([]);
      expectCleanConsole(console);
    } finally {
      await context.close();
    }
  });
});
