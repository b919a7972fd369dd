// The embed snippet on someone else's site (another origin, hostile CSS), failures and retry, phone width and dark scheme.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/adapter/node/serve.js';
import { buildWidget } from '../../src/adapter/node/widget-bundle.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { type ConsoleGuard, expectCleanConsole, guardedPage, launchChromium, screenshot } from './support/browser.js';
import { answersIn, expectTipBesideMarker, recordWidgetEvents, waitForAnswer } from './support/chat-page.js';
import { freePort, type HostSite, startHostSite, startLimitedRemit, startRemit } from './support/servers.js';

const QUESTION = 'What can Ofcom fine under the Online Safety Act?';
// Styles a careless host might ship; none of them may reach inside the widget.
const HOSTILE_CSS = `
  * { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 3px !important; }
  body { font-size: 30px; line-height: 3; background: #fafafa; }
  button { background: rgb(0, 255, 0) !important; border: 5px solid blue !important; }
  section, article, p { display: inline !important; }
`;

let tmp: string;
let fixture: FixtureIndex;
let remit: RunningServer;
let host: HostSite;
let browser: Browser;
let context: BrowserContext | undefined;
let consoleGuard: ConsoleGuard | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'remit-embed-'));
  host = await startHostSite();
  const [built, index] = await Promise.all([buildWidget(), buildFixtureIndex()]);
  fixture = index;
  remit = await startRemit({ runtime: fixture.runtime, widgetJs: built.js, db: fixture.dir, feedbackFile: join(tmp, 'feedback.jsonl'), corsOrigins: [host.url] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await remit?.close();
  await host?.close();
  await fixture?.cleanup().catch(() => {});
  await rm(tmp, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  const guard = consoleGuard;
  consoleGuard = undefined;
  // Any console error (a CSP refusal, an uncaught exception) fails the test that caused it.
  expectCleanConsole(guard);
});

async function newPage(options: { width?: number; height?: number; dark?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: options.height ?? 800 }, colorScheme: options.dark ? 'dark' : 'light' });
  const { page, console } = await guardedPage(context);
  consoleGuard = console;
  await recordWidgetEvents(page);
  return page;
}

const hostPage = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A host site</title><style>${HOSTILE_CSS}</style></head><body><h1>Local news</h1><p id="host-text">The host's own text.</p><button id="host-button">Host button</button>${body}</body></html>`;

const snippet = () => `<script src="${remit.url}/widget.js" data-endpoint="${remit.url}" defer></script>`;

const computed = (page: Page, selector: string, property: string) =>
  page.locator(selector).first().evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property);

describe('the embed snippet on another site', () => {
  it('adds a launcher and a panel that answer across origins, untouched by host CSS', async () => {
    host.setPage(hostPage(snippet()));
    const page = await newPage();
    await page.goto(host.url);
    const launcher = page.locator('remit-chat .launcher');
    await launcher.waitFor();
    expect(await page.locator('remit-chat').getAttribute('layout')).toBe('launcher');
    expect(await page.locator('remit-chat .panel').isVisible()).toBe(false);
    await screenshot(page, '10-embed-closed');

    await launcher.click();
    await page.locator('remit-chat .panel').waitFor();
    await page.locator('remit-chat .starter', { hasText: QUESTION }).click();
    const article = await waitForAnswer(page, 0);
    expect((await answersIn(page))[0]!.citations.length).toBeGreaterThan(0);
    await article.locator('.marker').first().hover();
    await article.locator('.tip').waitFor();
    await screenshot(page, '11-embed-open');

    // Host styles do not leak in...
    expect(await computed(page, 'remit-chat .answer-text', 'color')).not.toBe('rgb(255, 0, 0)');
    expect(await computed(page, 'remit-chat .answer-text', 'font-family')).not.toContain('serif;');
    expect(await computed(page, 'remit-chat .answer-text', 'font-family')).toContain('system-ui');
    expect(await computed(page, 'remit-chat .answer-text', 'letter-spacing')).toBe('normal');
    expect(await computed(page, 'remit-chat .send', 'background-color')).not.toBe('rgb(0, 255, 0)');
    expect(await computed(page, 'remit-chat .answer', 'display')).toBe('block');
    // ...and the widget's styles do not leak out.
    expect(await computed(page, '#host-text', 'color')).toBe('rgb(255, 0, 0)');
    expect(await computed(page, '#host-button', 'background-color')).toBe('rgb(0, 255, 0)');

    // The open panel holds focus: Tab from its last control comes back to its first (the close button), Shift+Tab
    // from its first goes to its last, and no number of Tabs reaches the host page.
    const active = () =>
      page.evaluate(() => {
        const chat = document.querySelector('remit-chat')!;
        const inner = chat.shadowRoot!.activeElement;
        return { inChat: document.activeElement === chat, inPanel: !!inner?.closest('#panel'), className: inner?.className ?? '' };
      });
    await page.locator('remit-chat textarea').focus();
    await page.keyboard.type('x');
    await page.keyboard.press('Tab');
    expect((await active()).className).toBe('send');
    await page.keyboard.press('Tab');
    expect((await active()).className).toContain('close-panel');
    await page.keyboard.press('Shift+Tab');
    expect((await active()).className).toBe('send');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      expect(await active()).toMatchObject({ inChat: true, inPanel: true });
    }

    // Escape closes the panel and returns focus to the launcher.
    await page.locator('remit-chat textarea').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('remit-chat .panel').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.querySelector('remit-chat')!.shadowRoot!.activeElement?.className)).toBe('launcher');
  });

  it('works inline as <remit-chat endpoint> too', async () => {
    host.setPage(hostPage(`<script src="${remit.url}/widget.js" defer></script><remit-chat endpoint="${remit.url}"></remit-chat>`));
    const page = await newPage();
    // What this test provokes: a refused connection, then 429s (the browser logs each failed request).
    consoleGuard!.allow(/^Failed to load resource: (?:net::ERR_CONNECTION_REFUSED|the server responded with a status of 429)/);
    await page.goto(host.url);
    await page.locator('remit-chat textarea').fill(QUESTION);
    await page.locator('remit-chat textarea').press('Enter');
    await waitForAnswer(page, 0);
    expect(await page.locator('remit-chat .launcher').count()).toBe(0);
  });
});

describe('failures', () => {
  it('says when the server cannot be reached, retries, and shows Retry-After on a 429', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    host.setPage(hostPage(`<script src="${remit.url}/widget.js" defer></script><remit-chat endpoint="${endpoint}"></remit-chat>`));
    const page = await newPage();
    // What this test provokes: a refused connection, then 429s (the browser logs each failed request).
    consoleGuard!.allow(/^Failed to load resource: (?:net::ERR_CONNECTION_REFUSED|the server responded with a status of 429)/);
    await page.goto(host.url);
    await page.locator('remit-chat textarea').fill(QUESTION);
    await page.locator('remit-chat textarea').press('Enter');
    const failed = await waitForAnswer(page, 0, 'failed');
    expect(await failed.locator('.failure').getAttribute('data-kind')).toBe('network');
    expect(await failed.locator('.failure p').textContent()).toContain('could not be reached');
    await screenshot(page, '08-network-failure');

    // The server comes up on that port, allowing one question a minute.
    const limited = await startLimitedRemit({ runtime: fixture.runtime, port, rateLimitPerMinute: 1, corsOrigins: [host.url] });
    try {
      await failed.locator('.retry').click();
      await waitForAnswer(page, 0);
      await page.locator('remit-chat textarea').fill('And could it block X in the UK?');
      await page.locator('remit-chat textarea').press('Enter');
      const refused = await waitForAnswer(page, 1, 'failed');
      expect(await refused.locator('.failure').getAttribute('data-kind')).toBe('rate_limited');
      expect(await refused.locator('.failure p').textContent()).toMatch(/Try again in \d+ seconds?\./);
      // Retry waits out the limit, counting down, rather than inviting another 429.
      const retry = refused.locator('.retry');
      expect(await retry.isDisabled()).toBe(true);
      const secondsLeft = async () => Number(/^Retry in (\d+) s$/.exec((await retry.textContent()) ?? '')?.[1]);
      const first = await secondsLeft();
      expect(first).toBeGreaterThan(1);
      await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(first);
      await screenshot(page, '09-rate-limited');
    } finally {
      await limited.close();
    }
  });
});

describe('layout', () => {
  it('fits a 360 px phone: full-page chat and the embed panel', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(remit.url);
    await page.locator('remit-chat textarea').fill(QUESTION);
    await page.locator('remit-chat textarea').press('Enter');
    await waitForAnswer(page, 0);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await overflow()).toBeLessThanOrEqual(360);
    const panel = await page.locator('remit-chat .panel').boundingBox();
    expect(panel!.width).toBeLessThanOrEqual(360);
    await screenshot(page, '12-phone-answer');
    // Focus shows the tooltip beside the marker, inside the screen; a tap opens the source.
    const marker = page.locator('remit-chat .marker').first();
    await marker.focus();
    const tip = page.locator('remit-chat .tip');
    await tip.waitFor();
    await expectTipBesideMarker(page, tip, marker);
    await screenshot(page, '12b-phone-tooltip');
    await marker.click();
    await page.locator('remit-chat .pane mark').waitFor();
    const pane = await page.locator('remit-chat .pane').boundingBox();
    expect(pane!.x).toBeGreaterThanOrEqual(0);
    expect(pane!.x + pane!.width).toBeLessThanOrEqual(360);
    await screenshot(page, '13-phone-source');

    host.setPage(hostPage(snippet()));
    await page.goto(host.url);
    await page.locator('remit-chat .launcher').click();
    const embedPanel = await page.locator('remit-chat .panel').boundingBox();
    expect(embedPanel).toMatchObject({ x: 0, width: 360 });
    await screenshot(page, '14-phone-embed');
  });

  it('follows a dark system colour scheme', async () => {
    const light = await newPage();
    await light.goto(remit.url);
    const lightBg = await computed(light, 'remit-chat .panel', 'background-color');
    await context!.close();

    const page = await newPage({ dark: true });
    await page.goto(remit.url);
    await page.locator('remit-chat textarea').fill(QUESTION);
    await page.locator('remit-chat textarea').press('Enter');
    await waitForAnswer(page, 0);
    const darkBg = await computed(page, 'remit-chat .panel', 'background-color');
    expect(lightBg).toBe('rgb(255, 255, 255)');
    expect(darkBg).not.toBe(lightBg);
    const [r, g, b] = darkBg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    await screenshot(page, '15-dark');
  });
});
