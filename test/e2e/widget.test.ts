// The chat page in a real browser against a real Remit server over the news articles and the default corpus (extractive mode).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/adapter/node/serve.js';
import { readFeedbackFile } from '../../src/adapter/node/feedback-file.js';
import { buildWidget } from '../../src/adapter/node/widget-bundle.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { type ConsoleGuard, countElementsEverywhere, expectCleanConsole, guardedPage, launchChromium, SCREENSHOT_DIR, screenshot } from './support/browser.js';
import { answersIn, expectTipBesideMarker, recordWidgetEvents, statusesIn, timingsIn, waitForAnswer, watchStatuses } from './support/chat-page.js';
import { startRemit } from './support/servers.js';
import { STATEMENT_URL, SYNDICATED_QUESTION, writeSyndicatedDocuments } from './support/syndicated-documents.js';
import { writeXssDocument, XSS_PAYLOAD, XSS_QUESTION } from './support/xss-document.js';

const QUESTION = 'What can Ofcom fine under the Online Safety Act?';

let tmp: string;
let fixture: FixtureIndex;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleGuard: ConsoleGuard;
let feedbackFile: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'remit-e2e-'));
  const extraDir = join(tmp, 'docs');
  await mkdir(extraDir);
  await writeXssDocument(extraDir);
  await writeSyndicatedDocuments(extraDir);
  const [built, index] = await Promise.all([buildWidget(), buildFixtureIndex({ corpus: true, extraPaths: [extraDir] })]);
  fixture = index;
  feedbackFile = join(tmp, 'feedback.jsonl');
  server = await startRemit({ runtime: fixture.runtime, widgetJs: built.js, db: fixture.dir, feedbackFile });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixture?.cleanup().catch(() => {});
  await rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  ({ page, console: consoleGuard } = await guardedPage(context));
  await recordWidgetEvents(page);
});

afterEach(async () => {
  await context.close();
  // Any console error (a CSP refusal, an uncaught exception) fails the test that caused it.
  expectCleanConsole(consoleGuard);
});

async function openChat(): Promise<void> {
  await page.goto(server.url);
  await page.locator('remit-chat textarea').waitFor();
}

async function ask(question: string): Promise<void> {
  await page.locator('remit-chat textarea').fill(question);
  await page.locator('remit-chat textarea').press('Enter');
}

describe('the chat page', () => {
  it('shows starter questions, then streams an answer with [n] markers and its sources', async () => {
    await openChat();
    const starters = page.locator('remit-chat .starter');
    expect(await starters.count()).toBeGreaterThan(1);
    await screenshot(page, '01-empty-chat');
    await watchStatuses(page);
    await page.locator('remit-chat .starter', { hasText: QUESTION }).click();
    const article = await waitForAnswer(page, 0);
    const [answer] = await answersIn(page);
    expect(answer?.abstained).toBe(false);
    expect(answer!.citations.length).toBeGreaterThan(0);
    // Rendered while streaming, before it was done.
    const statuses = await statusesIn(page);
    expect(statuses).toContain('streaming');
    expect(statuses.at(-1)).toBe('done');
    expect(await article.locator('.marker').count()).toBe((answer!.answer.match(/\[\d+\]/g) ?? []).length);
    // The text without markers is the answer's text without its [n].
    const shown = await article.locator('.answer-text').evaluate((p) =>
      [...p.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''),
    );
    expect(shown.replace(/\s+/g, ' ').trim()).toBe(answer!.answer.replace(/\[\d+\]/g, '').replace(/\s+/g, ' ').trim());
    const docs = new Set(answer!.citations.map((c) => c.docId));
    expect(await article.locator('.sources > ol > li').count()).toBe(docs.size);
    await screenshot(page, '02-streamed-answer');
    // Announced to screen readers once complete.
    await expect.poll(() => page.locator('remit-chat [aria-live="polite"]').textContent()).toContain('Answer:');
  });

  it('shows the quote, outlet and date when a marker is hovered, and opens the article with that span highlighted', async () => {
    await openChat();
    await ask(QUESTION);
    const article = await waitForAnswer(page, 0);
    const [answer] = await answersIn(page);
    // A citation whose passage rests on a primary source the explainer lists (the provision it cites).
    const citation = answer!.citations.find((c) => c.primarySource?.url);
    expect(citation, 'a citation naming the primary source it rests on').toBeDefined();
    const n = citation!.n;
    const marker = article.locator(`.marker[data-n="${n}"]`).first();
    await marker.hover();
    const tip = article.locator('.tip');
    await tip.waitFor();
    expect(await tip.locator('.quote').textContent()).toBe(`“${citation!.quote.trim()}”`);
    expect(await tip.locator('.primary').textContent()).toContain(citation!.primarySource!.publisher!);
    const outlet = await tip.locator('.outlet').textContent();
    expect(outlet).toMatch(/^via /);
    if (citation!.publisher) expect(outlet).toContain(citation!.publisher);
    if (citation!.date) expect(outlet).toContain(citation!.date);
    // The source list names it too, linking to it, with the explainer it came through.
    const entry = article.locator(`.sources li[data-doc="${citation!.docId}"]`);
    expect(await entry.locator('a.primary-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain(
      new URL(citation!.primarySource!.url!).href,
    );
    expect(await entry.locator('.via').textContent()).toContain(citation!.title);
    expect(await marker.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    // Beside its marker, not dropped below the paragraph (a refused inline style used to leave it there).
    await expectTipBesideMarker(page, tip, marker);
    await screenshot(page, '03-citation-tooltip');

    await marker.click();
    const mark = page.locator('remit-chat .pane mark');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(citation!.quote);
    expect(await page.locator('remit-chat .pane h2').textContent()).toBe(citation!.title);
    // The explainer keeps its structure: its section headings are headings, each followed by its paragraphs.
    const headings = page.locator('remit-chat .pane .article > h3');
    expect(await headings.count()).toBeGreaterThan(1);
    expect(await page.locator('remit-chat .pane .article > p').count()).toBeGreaterThan(await headings.count());
    // Scrolled into view inside the pane.
    const [markBox, bodyBox] = await Promise.all([mark.boundingBox(), page.locator('remit-chat .pane-body').boundingBox()]);
    expect(markBox!.y).toBeGreaterThanOrEqual(bodyBox!.y);
    expect(markBox!.y).toBeLessThan(bodyBox!.y + bodyBox!.height);
    await screenshot(page, '04-source-pane');
    // Escape closes the pane and gives focus back to the marker that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('remit-chat .pane').count()).toBe(0);
    expect(await marker.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
  });

  it('keeps the conversation for a follow-up', async () => {
    await openChat();
    await ask(QUESTION);
    await waitForAnswer(page, 0);
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/ask'));
    await ask('And could it block X in the UK?');
    const body = (await sent).postDataJSON() as { question: string; history: { role: string; content: string }[] };
    const [first] = await answersIn(page);
    expect(body.history).toEqual([
      { role: 'user', content: QUESTION },
      { role: 'assistant', content: first!.answer },
    ]);
    await waitForAnswer(page, 1);
    expect(await page.locator('remit-chat article.answer').count()).toBe(2);
    await screenshot(page, '05-follow-up');
  });

  it('records thumbs up/down in the feedback store and copies an answer with its citations', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await openChat();
    await ask(QUESTION);
    const article = await waitForAnswer(page, 0);
    const [answer] = await answersIn(page);
    await article.locator('.rate-down').click();
    await expect.poll(() => article.locator('.actions .note').textContent()).toContain('Thanks');
    expect(await article.locator('.rate-down').getAttribute('aria-pressed')).toBe('true');
    const records = await readFeedbackFile(feedbackFile);
    expect(records).toContainEqual(expect.objectContaining({ answerId: answer!.id, rating: 'down' }));

    await article.locator('.copy').click();
    await expect.poll(() => article.locator('.actions .note').textContent()).toContain('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`Q: ${QUESTION}`);
    for (const citation of answer!.citations) expect(copied).toContain(`[${citation.n}] ${citation.title}`);
  });

  it('collapses syndicated copies of a passage and lists each document’s underlying sources', async () => {
    await openChat();
    await ask(SYNDICATED_QUESTION);
    const article = await waitForAnswer(page, 0);
    const [answer] = await answersIn(page);
    const carried = answer!.citations.find((c) => c.alsoIn.length > 0);
    expect(carried, 'the wire passage is cited once, with the other outlet as a carrier').toBeDefined();
    const entry = article.locator(`.sources li[data-doc="${carried!.docId}"]`);
    expect(await entry.locator('.also').textContent()).toContain('also carried by 1 other outlet');
    expect(await article.locator('.sources > ol > li').count()).toBe(new Set(answer!.citations.map((c) => c.docId)).size);

    // Folded by default (explainers rely on many sources); a click or Enter unfolds them.
    expect(await entry.locator('.underlying').isVisible()).toBe(false);
    await entry.locator('summary').click();
    expect(await entry.locator('.underlying li').count()).toBe(2);
    expect(await entry.locator('.underlying a').getAttribute('href')).toBe(STATEMENT_URL);
    await screenshot(page, '05b-also-carried');
  });

  it('renders a hostile document as inert text: title, outlet, quote and article', async () => {
    await openChat();
    await ask(XSS_QUESTION);
    const article = await waitForAnswer(page, 0);
    const [answer] = await answersIn(page);
    const citation = answer!.citations.find((c) => c.title.includes(XSS_PAYLOAD));
    expect(citation, 'the answer cites the hostile document').toBeDefined();
    await expect.poll(() => article.locator('.sources').textContent()).toContain(XSS_PAYLOAD);
    await article.locator(`.marker[data-n="${citation!.n}"]`).hover();
    await article.locator('.tip').waitFor();
    await article.locator(`.marker[data-n="${citation!.n}"]`).click();
    await page.locator('remit-chat .pane .article').waitFor();
    expect(await page.locator('remit-chat .pane h2').textContent()).toBe(citation!.title);
    expect(await page.locator('remit-chat .pane .article').textContent()).toContain(XSS_PAYLOAD);
    // A javascript: link from front matter stays text.
    expect(await page.locator('remit-chat a[href^="javascript:"]').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(await countElementsEverywhere(page, 'img')).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await screenshot(page, '06-xss-inert');
  });

  it('styles an abstention differently and lists the closest sources', async () => {
    await openChat();
    await ask('What is the boiling point of liquid nitrogen?');
    const article = await waitForAnswer(page, 0);
    const [answer] = await answersIn(page);
    expect(answer!.abstained).toBe(true);
    expect(await article.getAttribute('class')).toContain('abstained');
    expect(await article.locator('.abstain-label').isVisible()).toBe(true);
    expect(await article.locator('.related li').count()).toBe(answer!.related.length);
    expect(await article.locator('.marker').count()).toBe(0);
    await screenshot(page, '07-abstention');
  });

  it('can be used with the keyboard alone', async () => {
    await openChat();
    // The first Tab stops are the starter questions, in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('remit-chat')!.shadowRoot!.activeElement?.className)).toBe('starter');
    await page.locator('remit-chat textarea').focus();
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    const article = await waitForAnswer(page, 0);
    await page.locator('remit-chat textarea').focus();
    // Shift+Tab walks back from the composer into the answer; the first marker reached shows its tooltip on focus.
    const active = () => page.evaluate(() => document.querySelector('remit-chat')!.shadowRoot!.activeElement?.className ?? '');
    for (let i = 0; i < 60 && (await active()) !== 'marker'; i++) await page.keyboard.press('Shift+Tab');
    expect(await active()).toBe('marker');
    await article.locator('.tip').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('remit-chat .pane mark').waitFor();
    expect(await active()).toContain('close-pane');
    await page.keyboard.press('Escape');
    expect(await active()).toBe('marker');
  });
});

describe('speed in the browser (extractive)', () => {
  it('measures time to the first streamed text and to the full answer', async () => {
    const questions = [
      QUESTION,
      'Why did Ofcom open an investigation into X?',
      'What did Elon Musk call the UK government?',
      'Which countries blocked Grok?',
      'What did the US State Department say about a ban on X?',
    ];
    for (const question of questions) {
      await openChat();
      await ask(question);
      await waitForAnswer(page, 0);
    }
    // Measured after the warm-up above; the recorder starts afresh on each page, so timings are gathered per page.
    const all: { firstText: number[]; total: number[] } = { firstText: [], total: [] };
    for (const question of [...questions, ...questions]) {
      await openChat();
      await ask(question);
      await waitForAnswer(page, 0);
      const timings = await timingsIn(page);
      all.firstText.push(...timings.firstText);
      all.total.push(...timings.total);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const report = {
      runs: all.total.length,
      firstTextMs: { median: Math.round(median(all.firstText)), max: Math.round(Math.max(...all.firstText)) },
      fullAnswerMs: { median: Math.round(median(all.total)), max: Math.round(Math.max(...all.total)) },
    };
    await writeFile(resolve(SCREENSHOT_DIR, '..', 'widget-timings.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`widget timings (extractive, warm): ${JSON.stringify(report)}`);
    expect(report.firstTextMs.median).toBeLessThanOrEqual(report.fullAnswerMs.median);
  });
});
