// Page helpers for <remit-chat>: Playwright's CSS locators pierce open shadow roots, so selectors reach inside the widget.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Answer } from '../../../src/core/schema.js';

/** Records the widget's own events in the page, so tests read answers and timings the way a host page would. */
export async function recordWidgetEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __remit: { answers: unknown[]; firstText: number[]; total: number[]; statuses: string[] } };
    w.__remit = { answers: [], firstText: [], total: [], statuses: [] };
    document.addEventListener('remit-answer', (e) => {
      const detail = (e as CustomEvent<{ answer: unknown; ms: number }>).detail;
      w.__remit.answers.push(detail.answer);
      w.__remit.total.push(detail.ms);
    });
    document.addEventListener('remit-first-text', (e) => w.__remit.firstText.push((e as CustomEvent<{ ms: number }>).detail.ms));
  });
}

export const answersIn = (page: Page): Promise<Answer[]> =>
  page.evaluate(() => (window as unknown as { __remit: { answers: Answer[] } }).__remit.answers);

export const timingsIn = (page: Page): Promise<{ firstText: number[]; total: number[] }> =>
  page.evaluate(() => {
    const { firstText, total } = (window as unknown as { __remit: { firstText: number[]; total: number[] } }).__remit;
    return { firstText, total };
  });

/** The nth answer article (0-based) once it has finished streaming. */
export async function waitForAnswer(page: Page, index: number, status: 'done' | 'failed' = 'done') {
  const article = page.locator('remit-chat article.answer').nth(index);
  await article.and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout: 30_000 });
  return article;
}

/** Watches one answer's data-status attribute from the moment it appears, to prove the answer rendered while streaming. */
export async function watchStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __statuses: string[] };
    w.__statuses = [];
    const chat = document.querySelector('remit-chat')!;
    const seen = new WeakSet<Element>();
    const observe = () => {
      const article = chat.shadowRoot?.querySelector('article.answer:last-of-type');
      if (article && !seen.has(article)) {
        seen.add(article);
        w.__statuses.push(article.getAttribute('data-status') ?? '');
        new MutationObserver(() => w.__statuses.push(article.getAttribute('data-status') ?? '')).observe(article, { attributes: true, attributeFilter: ['data-status'], characterData: true, subtree: true, childList: true });
      }
    };
    new MutationObserver(observe).observe(chat.shadowRoot!, { childList: true, subtree: true });
  });
}

export const statusesIn = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);

/** The tooltip sits right beside its marker (just below or just above it, overlapping it horizontally), on screen. */
export async function expectTipBesideMarker(page: Page, tip: Locator, marker: Locator): Promise<void> {
  const [t, m] = await Promise.all([tip.boundingBox(), marker.boundingBox()]);
  const gap = t!.y >= m!.y ? t!.y - (m!.y + m!.height) : m!.y - (t!.y + t!.height);
  expect(gap, 'vertical gap between marker and tooltip').toBeGreaterThanOrEqual(-1);
  expect(gap, 'vertical gap between marker and tooltip').toBeLessThanOrEqual(10);
  expect(t!.x).toBeLessThanOrEqual(m!.x + m!.width);
  expect(t!.x + t!.width).toBeGreaterThanOrEqual(m!.x);
  expect(t!.x).toBeGreaterThanOrEqual(0);
  expect(t!.x + t!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}
