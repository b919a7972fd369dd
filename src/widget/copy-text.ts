// An answer as plain text with its citations listed under it, for the clipboard.
import type { Answer } from '../core/schema.js';
import { outletLine, primaryLine } from './source-groups.js';

export function answerAsText(answer: Pick<Answer, 'question' | 'answer' | 'citations' | 'abstained'>): string {
  const lines = [`Q: ${answer.question}`, '', answer.answer.trim()];
  if (answer.citations.length) {
    lines.push('', 'Sources:');
    for (const citation of [...answer.citations].sort((a, b) => a.n - b.n)) {
      const where = [citation.title, outletLine(citation)].filter(Boolean).join(', ');
      const link = citation.url ? ` ${citation.url}` : '';
      lines.push(`[${citation.n}] ${where}${link}`, `    “${citation.quote.trim()}”`);
      const primary = citation.primarySource;
      if (primary) lines.push(`    Rests on: ${primaryLine(primary)}${primary.url ? ` ${primary.url}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
