// Debian's Chromium driven by playwright-core; no browser is ever downloaded.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(REPO_ROOT, 'test-results/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; install it with apt-get install chromium (or run .ci/run).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Every element in the document and in every (open) shadow root, for "nothing was injected" checks. */
export const countElementsEverywhere = (page: Page, tag: string): Promise<number> =>
  page.evaluate((name) => {
    const walk = (root: Document | ShadowRoot): number =>
      root.querySelectorAll(name).length + [...root.querySelectorAll('*')].reduce((n, el) => n + (el.shadowRoot ? walk(el.shadowRoot) : 0), 0);
    return walk(document);
  }, tag);

export interface ConsoleGuard {
  /** Console errors and uncaught exceptions seen so far, each with where it came from. */
  readonly problems: string[];
  /** Lets through console errors matching `pattern` that the test itself provokes (e.g. a 429 it asks for). */
  allow(pattern: RegExp): void;
}

/** Records every console error and uncaught exception on the page; browser tests fail on any they did not allow. */
export function guardConsole(page: Page): ConsoleGuard {
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' || allowed.some((pattern) => pattern.test(message.text()))) return;
    const { url, lineNumber } = message.location();
    problems.push(`console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  return { problems, allow: (pattern) => void allowed.push(pattern) };
}

/** A new page whose console is guarded; call `expectCleanConsole` on the guard when the test ends. */
export async function guardedPage(context: BrowserContext): Promise<{ page: Page; console: ConsoleGuard }> {
  const page = await context.newPage();
  return { page, console: guardConsole(page) };
}

/** Throws with every console error seen since the last check (and forgets them, for pages shared across tests). */
export function expectCleanConsole(guard: ConsoleGuard | undefined): void {
  const problems = guard?.problems.splice(0) ?? [];
  if (problems.length) throw new Error(`The page logged ${problems.length} console error(s):\n${problems.join('\n')}`);
}

/** Aborts every request that leaves loopback, as on a machine with no internet; `blocked` lists what was tried. */
export async function offline(context: BrowserContext): Promise<{ blocked: string[] }> {
  const blocked: string[] = [];
  await context.route(
    (url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.protocol !== 'data:',
    (route) => {
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  return { blocked };
}
