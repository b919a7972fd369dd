// One reader per format, each turning decoded source into paragraphs plus whatever metadata the format carries.
import type { SourceRef } from '../schema.js';
import { droppedUrlWarning, keepWebUrls } from '../web-url.js';
import { stripBoilerplate } from './boilerplate.js';
import type { Format } from './format.js';
import { readFrontMatter } from './front-matter.js';
import { htmlToArticle } from './html.js';
import { markdownToParagraphs } from './markdown.js';
import { takeDateHeader, takeHeadline } from './news-header.js';
import { publisherFromText } from './outlet.js';
import { textToParagraphs } from './plain-text.js';
import { refuse } from './refuse.js';

export interface Extracted {
  title?: string;
  publisher?: string;
  date?: string;
  url?: string;
  sources?: SourceRef[];
  paragraphs: string[];
  /** What was read but left out, for the person ingesting (a URL that is not http(s)). */
  warnings?: string[];
}

export function readFormat(format: Format, origin: string, source: string): Extracted {
  switch (format) {
    case 'text':
      return readText(source);
    case 'markdown':
      return readMarkdown(origin, source);
    case 'html':
      return readHtml(source);
  }
}

/** Plain text is treated as scraped news: header, headline and boilerplate are taken out; credits and appeals name the outlet. */
function readText(source: string): Extracted {
  const { date, rest } = takeDateHeader(source);
  const raw = textToParagraphs(rest);
  const { title, paragraphs } = takeHeadline(stripBoilerplate(raw));
  return { title, date, publisher: publisherFromText(raw), paragraphs };
}

/** Markdown is written for us (explainers), so it is converted but not second-guessed for boilerplate. */
function readMarkdown(origin: string, source: string): Extracted {
  const front = readFrontMatter(source);
  if (!front.ok) throw refuse(origin, front.reason, 'Fix the YAML between the --- lines at the top of the file', front.cause);
  const { heading, paragraphs } = markdownToParagraphs(front.body);
  const { meta, dropped } = keepWebUrls(front.data);
  const { title, publisher, date, updated, url, sources } = meta;
  // A heading that differs from the declared title is content, so it stays in the text.
  const body = heading && title && heading !== title ? [heading, ...paragraphs] : paragraphs;
  // The last update is what a reader needs to judge how current an explainer is.
  const warnings = dropped.map((d) => droppedUrlWarning('front matter ', d));
  return { title: title ?? heading, publisher, date: updated ?? date, url, sources, paragraphs: body, ...(warnings.length ? { warnings } : {}) };
}

function readHtml(source: string): Extracted {
  const { paragraphs, ...meta } = htmlToArticle(source);
  return { ...meta, publisher: meta.publisher ?? publisherFromText(paragraphs), paragraphs: stripBoilerplate(paragraphs) };
}
