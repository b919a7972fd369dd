// HTML page -> article: Readability over linkedom picks the article; page metadata gives title, publisher, date, url.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isWebUrl } from '../web-url.js';
import { toIsoDay } from './dates.js';
import { blocksToParagraphs } from './html-blocks.js';

export interface HtmlArticle {
  title?: string;
  publisher?: string;
  date?: string;
  url?: string;
  paragraphs: string[];
}

// Readability gives up (throws) past this many elements; the plain body walk then makes a best effort.
const MAX_ELEMENTS = 100_000;
// Readability's cost grows with depth times size; real pages nest a few dozen levels, hostile ones thousands.
const MAX_DEPTH = 400;

export function htmlToArticle(html: string): HtmlArticle {
  const { document } = parseHTML(asDocument(html));
  const meta = readMeta(document);
  const tooDeep = exceedsDepth(document.documentElement, MAX_DEPTH);
  const article = tooDeep ? undefined : readArticle(document);
  let paragraphs = article?.content ? blocksToParagraphs(article.content) : [];
  if (paragraphs.length === 0) {
    // Readability changes the tree it reads, so after it the fallback walks a fresh one.
    const tree = tooDeep ? document : parseHTML(asDocument(html)).document;
    paragraphs = tree.body ? blocksToParagraphs(tree.body) : [];
  }
  return {
    title: clean(article?.title) ?? meta.title,
    publisher: meta.publisher ?? clean(article?.siteName),
    date: meta.date ?? toIsoDay(article?.publishedTime),
    url: meta.url,
    paragraphs,
  };
}

// linkedom only builds <html>/<body> when the markup has them, so fragments are wrapped.
function asDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

function readArticle(document: Document): ReturnType<Readability<Node>['parse']> | undefined {
  try {
    return new Readability<Node>(document, { serializer: (node) => node, maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    return undefined;
  }
}

/** Whether any element sits deeper than `limit` below `root`; iterative, and stops at the first that does. */
function exceedsDepth(root: Element | null, limit: number): boolean {
  const stack: [Element, number][] = root ? [[root, 0]] : [];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return false;
}

function readMeta(document: Document): Omit<HtmlArticle, 'paragraphs'> {
  const meta = (selector: string): string | undefined => clean(document.querySelector(selector)?.getAttribute('content'));
  const dated = [
    meta('meta[property="article:published_time"]'),
    clean(document.querySelector('time[datetime]')?.getAttribute('datetime')),
    meta('meta[name="date"]'),
    meta('meta[name="pubdate"]'),
    meta('meta[itemprop="datePublished"]'),
  ];
  return {
    title: meta('meta[property="og:title"]') ?? clean(document.querySelector('title')?.textContent),
    publisher: meta('meta[property="og:site_name"]'),
    date: dated.map(toIsoDay).find(Boolean),
    url: [clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')), meta('meta[property="og:url"]')].find(isWebUrl),
  };
}

function clean(value: string | null | undefined): string | undefined {
  return value?.replace(/\s+/g, ' ').trim() || undefined;
}

