// A document's text as a reader sees its structure: headings, lists and paragraphs, each with exact offsets, read
// from how the loader writes text (blocks apart by a blank line, a list's items one per line) and never from markup.
import type { Span } from './sentences.js';

export type TextBlock =
  | { kind: 'heading' | 'paragraph'; start: number; end: number }
  | { kind: 'list'; start: number; end: number; items: Span[] };

const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 14;
// A statement ends like one; a heading does not (a short question may still be one: "Who decides?").
const STATEMENT_END = /[.!:;,…"”’]$/;

export function textBlocks(text: string): TextBlock[] {
  const raw: { start: number; end: number; lines: Span[] }[] = [];
  for (const match of text.matchAll(/[^\n]+(?:\n[^\n]+)*/g)) {
    const start = match.index;
    const lines = [...match[0].matchAll(/[^\n]+/g)].map((line) => ({ start: start + line.index, end: start + line.index + line[0].length }));
    raw.push({ start, end: start + match[0].length, lines });
  }
  return raw.map((block, i): TextBlock => {
    if (block.lines.length > 1) return { kind: 'list', start: block.start, end: block.end, items: block.lines };
    const line = text.slice(block.start, block.end).trim();
    const words = line.split(/\s+/).length;
    // A heading introduces what follows: never the last block.
    const heading =
      i < raw.length - 1 &&
      line.length <= MAX_HEADING_CHARS &&
      words <= MAX_HEADING_WORDS &&
      !STATEMENT_END.test(line) &&
      (!line.endsWith('?') || words <= 8);
    return { kind: heading ? 'heading' : 'paragraph', start: block.start, end: block.end };
  });
}
