// Plain-text rendering of answers and sources for a terminal.
import { outletName } from '../core/outlet-name.js';
import type { Answer, Citation, DocumentMeta } from '../core/schema.js';
import type { IngestReport } from '../core/ingest/ingest.js';

const MAX_CARRIERS_NAMED = 3;

const describeSource = (s: { title: string; publisher?: string; date?: string; origin: string }): string =>
  [s.title, [outletName(s), s.date].filter(Boolean).join(', '), s.origin].filter(Boolean).join(' — ');

export function renderCitation(citation: Citation): string {
  const lines = [`[${citation.n}] ${describeSource(citation)}`, `    “${citation.quote.replace(/\s+/g, ' ')}”`];
  const primary = citation.primarySource;
  // The primary source the passage rests on (the provision it cites), as the widget names it.
  if (primary) lines.push(`    rests on: ${[primary.title, primary.publisher].filter(Boolean).join(' · ')}${primary.url ? ` <${primary.url}>` : ''}`);
  if (citation.alsoIn.length) {
    const n = citation.alsoIn.length;
    // A widely syndicated passage can have hundreds of carriers: name a few, count the rest.
    const named = citation.alsoIn.slice(0, MAX_CARRIERS_NAMED).map((c) => c.title);
    const more = n > MAX_CARRIERS_NAMED ? ` and ${n - MAX_CARRIERS_NAMED} more` : '';
    lines.push(`    also carried by ${n} other ${n === 1 ? 'source' : 'sources'}: ${named.join('; ')}${more}`);
  }
  if (citation.sources.length) {
    // An explainer's own sources, compactly: the full list is one `remit source <id>` away.
    const publishers = [...new Set(citation.sources.map((s) => s.publisher ?? s.title).filter(Boolean))];
    lines.push(`    based on ${citation.sources.length} ${citation.sources.length === 1 ? 'source' : 'sources'}: ${publishers.join('; ')}`);
  }
  return lines.join('\n');
}

/** The part printed after the answer text: numbered sources with their quotes, or the closest sources. */
export function renderSources(answer: Answer): string {
  const parts: string[] = [];
  if (answer.citations.length) parts.push('Sources', ...answer.citations.map(renderCitation));
  if (answer.abstained && answer.related.length) parts.push('Closest sources', ...answer.related.map((d) => `  - ${describeSource(d)}`));
  for (const warning of answer.warnings) parts.push(`Note: ${warning}`);
  return parts.join('\n');
}

export function renderAnswer(answer: Answer): string {
  return `${answer.answer}\n\n${renderSources(answer)}\n`;
}

export function renderDocumentList(documents: readonly DocumentMeta[]): string {
  if (documents.length === 0) return 'No documents. Run `remit ingest <paths>` first.\n';
  return `${documents.map((d) => `${d.id}  ${describeSource(d)}`).join('\n')}\n`;
}

export function renderIngestReport(report: IngestReport): string {
  const lines = [
    `Added ${report.added.length}, replaced ${report.replaced.length}, unchanged ${report.unchanged.length},${report.moved.length ? ` moved ${report.moved.length},` : ''} removed ${report.removed.length}, skipped ${report.skipped.length} (${report.chunks} new chunks).`,
    ...report.moved.map((m) => `  moved ${m.from} -> ${m.origin}`),
    ...report.skipped.map((s) => `  skipped ${s.origin}: ${s.reason}`),
    ...report.warnings.map((w) => `  warning ${w.origin}: ${w.message}`),
  ];
  if (report.index) lines.push(`Index: ${report.index.documents} documents, ${report.index.chunks} chunks, embedder ${report.index.embedder}.`);
  return `${lines.join('\n')}\n`;
}
