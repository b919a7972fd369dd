// <remit-powers> in a real browser under real answers: cards for one regulator, the UK / EU / Australia comparison.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleGuard, expectCleanConsole, guardedPage, launchChromium, screenshot } from './support/browser.js';
import { waitForAnswer } from './support/chat-page.js';
import { startRemit } from './support/servers.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import type { RunningServer } from '../../src/adapter/node/serve.js';
import { buildWidget } from '../../src/adapter/node/widget-bundle.js';

let tmp: string;
let fixture: FixtureIndex;
let server: RunningServer;
let browser: Browser;
let page: Page;
let consoleGuard: ConsoleGuard;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'remit-powers-e2e-'));
  const [built, index] = await Promise.all([buildWidget(), buildFixtureIndex({ corpus: true })]);
  fixture = index;
  server = await startRemit({ runtime: fixture.runtime, widgetJs: built.js, db: fixture.dir, feedbackFile: join(tmp, 'feedback.jsonl') });
  browser = await launchChromium();
  ({ page, console: consoleGuard } = await guardedPage(await browser.newContext({ viewport: { width: 1100, height: 900 } })));
}, 120_000);

// Any console error (a CSP refusal, an uncaught exception) fails the test that caused it.
afterEach(() => expectCleanConsole(consoleGuard));

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixture?.cleanup().catch(() => {});
  await rm(tmp, { recursive: true, force: true });
});

async function ask(question: string, index: number) {
  await page.locator('remit-chat textarea').fill(question);
  await page.locator('remit-chat textarea').press('Enter');
  return waitForAnswer(page, index);
}

describe('<remit-powers> under answers', () => {
  it("shows only Ofcom's fine card under an answer about what Ofcom can fine, each field with its quotes", async () => {
    await page.goto(server.url);
    const article = await ask('What can Ofcom fine under the Online Safety Act?', 0);
    const cards = article.locator('remit-powers .card');
    await cards.first().waitFor();
    expect(await article.locator('remit-powers h3').textContent()).toBe('What Ofcom can do');
    // The asked kind only: no blocking orders, audits or criminal liability under a question about fines.
    expect(await cards.locator('h4').allTextContents()).toEqual(['Fine']);
    expect(await article.locator('remit-powers details.more').count()).toBe(0);
    const fine = cards.first();
    expect(await fine.locator('dd').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('£18m or 10% of qualifying worldwide revenue (greater of)')]),
    );
    await fine.locator('summary').first().click();
    expect(await fine.locator('q').first().textContent()).toMatch(/Online Safety Act/);
    await screenshot(page, 'powers-01-cards');
  });

  it('asked about all of a regulator’s powers, opens two cards and folds the rest', async () => {
    const article = await ask('What powers does Ofcom have?', 1);
    const section = article.locator('remit-powers section');
    await section.waitFor();
    expect(await section.locator(':scope > .cards > .card').count()).toBe(2);
    const more = section.locator('details.more');
    const folded = await more.locator('.card').count();
    expect(folded).toBeGreaterThan(2);
    const summary = more.locator(':scope > summary');
    expect(await summary.textContent()).toBe(`${folded} more of Ofcom’s powers`);
    expect(await more.locator('.card').first().isVisible()).toBe(false);
    await summary.click();
    expect(await more.locator('.card').first().isVisible()).toBe(true);
    await screenshot(page, 'powers-02-folded');
  });

  it('shows no cards and no comparison under an abstention', async () => {
    // Asked to compare, but about a regulator no source covers: the answer abstains, so the table would contradict it.
    const article = await ask("How does Ofcom compare with Canada's regulator?", 2);
    expect(await article.getAttribute('class')).toContain('abstained');
    // Given time to render anything it would.
    await page.waitForTimeout(300);
    expect(await article.locator('remit-powers table, remit-powers .card').count()).toBe(0);
  });

  it('compares the UK, EU and Australian regimes on the kind asked, under an answer that compares them', async () => {
    const article = await ask("How do Ofcom's fines compare with the EU's?", 3);
    expect(await article.getAttribute('class')).not.toContain('abstained');
    const table = article.locator('remit-powers table');
    await table.waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual(['Power', 'UK Online Safety Act', 'EU Digital Services Act', "Australia's eSafety"]);
    // Fines were asked about: no blocking orders or criminal liability rows.
    expect(await table.locator('tbody th').allTextContents()).toEqual(['Fine']);
    const cells = await table.locator('tbody tr td').evaluateAll((tds) =>
      tds.map((td) => [...td.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim()),
    );
    expect(cells[0]).toBe('£18m or 10% of qualifying worldwide revenue (greater of)');
    expect(cells[1]).toMatch(/^6%/);
    await screenshot(page, 'powers-03-comparison');
  });

  it('opens the source pane at the quoted span when a quote’s source is clicked', async () => {
    const article = page.locator('remit-chat article.answer').nth(3);
    await article.locator('remit-powers .cell-quote button.source').first().click();
    await expect.poll(() => page.locator('remit-chat mark').count()).toBeGreaterThan(0);
  });
});
