// Debian's Chromium driven by playwright-core; no browser is ever downloaded.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
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
