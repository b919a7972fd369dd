// Markdown body -> plain paragraphs: syntax goes (heading marks, emphasis, link targets, list markers), words stay.
import type { List, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { textToParagraphs } from './plain-text.js';

export interface MarkdownText {
  /** The text of a level-1 heading that opens the file, which then is not repeated in `paragraphs`. */
  heading?: string;
  paragraphs: string[];
}

export function markdownToParagraphs(body: string): MarkdownText {
  const root = fromMarkdown(body, { extensions: gfmSyntaxFor(body), mdastExtensions: [gfmFromMarkdown()] });
  const [first, ...rest] = root.children;
  const heading = first?.type === 'heading' && first.depth === 1 ? flatten(first.children) : undefined;
  const paragraphs: string[] = [];
  for (const node of heading ? rest : root.children) collectBlocks(node, paragraphs);
  return { heading: heading || undefined, paragraphs: paragraphs.filter(Boolean) };
}

/**
 * GFM's syntax (what micromark-extension-gfm combines), each part only where its syntax can occur. The table and
 * literal-autolink tokenizers try every line and word of a paragraph: ~3 s per MB each on a long one, most of a large
 * document's load. A body without "|" holds no table; one without "www.", "http" or "@" no literal link; so the
 * paragraphs come out the same.
 */
export function gfmSyntaxFor(body: string): MicromarkExtension[] {
  return [
    ...(/www\.|https?:|@/i.test(body) ? [gfmAutolinkLiteral()] : []),
    gfmFootnote(),
    gfmStrikethrough(),
    ...(body.includes('|') ? [gfmTable()] : []),
    gfmTaskListItem(),
  ];
}

type MicromarkExtension = ReturnType<typeof gfmFootnote>;

function collectBlocks(node: RootContent, out: string[]): void {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      out.push(flatten(node.children));
      return;
    case 'code':
      out.push(...textToParagraphs(node.value));
      return;
    case 'table':
      out.push(...tableRows(node));
      return;
    case 'list':
      out.push(listLines(node).join('\n'));
      return;
    case 'blockquote':
    case 'listItem':
    case 'footnoteDefinition':
      for (const child of node.children) collectBlocks(child, out);
      return;
    default:
      // Raw HTML, thematic breaks, link definitions: nothing a reader would quote.
      return;
  }
}

/**
 * A list is one block, one item per line (nested items follow their parent's line): a reader of the text still sees
 * a list (core/text/blocks.ts), and a line break ends a sentence as a paragraph break does.
 */
function listLines(list: List): string[] {
  return list.children.flatMap((item) => {
    const own: string[] = [];
    const nested: string[] = [];
    for (const child of item.children) {
      if (child.type === 'list') nested.push(...listLines(child));
      else collectBlocks(child, own);
    }
    const line = own.join(' ').trim();
    return line ? [line, ...nested] : nested;
  });
}

/** One paragraph per table row, cells separated by semicolons. */
function tableRows(table: Table): string[] {
  return table.children.map((row) => row.children.map((cell) => flatten(cell.children)).filter(Boolean).join('; '));
}

/** Inline content as words: links keep their text, images and inline HTML are dropped, breaks become spaces. */
function flatten(nodes: PhrasingContent[]): string {
  return nodes.map(inlineText).join('').replace(/\s+/g, ' ').trim();
}

function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? node.children.map(inlineText).join('') : '';
  }
}
