// The text each tool returns beside its structured content: what an assistant (or a person reading the transcript)
// sees. Every passage and quote names its document id and character offsets, so the next call can open it.
import type { Answer, Citation, DocumentMeta } from '../core/schema.js';
import type { Passage, SearchResult, SourceSpan } from './schemas.js';

type Described = Pick<DocumentMeta, 'title' | 'publisher' | 'date'>;

const describe = (source: Described): string => [source.title, [source.publisher, source.date].filter(Boolean).join(', ')].filter(Boolean).join(' — ');

const location = (docId: string, start: number, end: number): string => `${docId}, characters ${start}-${end}`;

const carriers = (alsoIn: readonly { title: string }[]): string =>
  alsoIn.length ? `; also carried by ${alsoIn.length} other ${alsoIn.length === 1 ? 'source' : 'sources'}: ${alsoIn.map((c) => c.title).join('; ')}` : '';

function renderPassage(passage: Passage, i: number): string {
  return `[${i + 1}] ${describe(passage)} (${location(passage.docId, passage.start, passage.end)}${carriers(passage.alsoIn)})\n${passage.text}`;
}

export function renderSearch(result: SearchResult): string {
  if (!result.passages.length) return `No passage matches "${result.query}".`;
  return result.passages.map(renderPassage).join('\n\n');
}

function renderCitation(citation: Citation): string {
  return `[${citation.n}] ${describe(citation)} (${location(citation.docId, citation.start, citation.end)}${carriers(citation.alsoIn)})\n    “${citation.quote}”`;
}

export function renderAnswer(answer: Answer): string {
  const parts = [answer.answer];
  if (answer.citations.length) parts.push(`Sources (quotes are exact: get_source with the same offsets returns them)\n${answer.citations.map(renderCitation).join('\n')}`);
  if (answer.abstained && answer.related.length) parts.push(`Closest sources\n${answer.related.map((d) => `- ${describe(d)} (${d.id})`).join('\n')}`);
  for (const warning of answer.warnings) parts.push(`Note: ${warning}`);
  return parts.join('\n\n');
}

export function renderSpan(span: SourceSpan): string {
  const whole = span.start === 0 && span.end === span.length;
  const header = `${describe(span)} (${span.docId}, ${whole ? `${span.length} characters` : `characters ${span.start}-${span.end} of ${span.length}`}; ${span.url ?? span.origin})`;
  const based = span.sources.length ? `\nBased on: ${span.sources.map((s) => [s.publisher, s.title, s.url].filter(Boolean).join(', ')).join('; ')}` : '';
  return `${header}${based}\n\n${span.text}`;
}
