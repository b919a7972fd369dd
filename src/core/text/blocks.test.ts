import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../../test/support/paths.js';
import { loadPaths } from '../../../test/support/sources.js';
import { loadDocument } from '../load/index.js';
import { textBlocks } from './blocks.js';

const kinds = (text: string) => textBlocks(text).map((b) => [b.kind, text.slice(b.start, b.end)]);

describe('textBlocks', () => {
  it('reads headings, lists and paragraphs with exact offsets', () => {
    const text = 'Sanctions\n\nIt can suspend a licence.\nIt can revoke a licence.\n\nWho decides?\n\nThe Commission decides.';
    expect(kinds(text)).toEqual([
      ['heading', 'Sanctions'],
      ['list', 'It can suspend a licence.\nIt can revoke a licence.'],
      ['heading', 'Who decides?'],
      ['paragraph', 'The Commission decides.'],
    ]);
    const list = textBlocks(text)[1]!;
    expect(list.kind === 'list' && list.items.map((s) => text.slice(s.start, s.end))).toEqual(['It can suspend a licence.', 'It can revoke a licence.']);
  });

  it('reads a label that closes with a bracket as a heading', () => {
    const text = 'Art. 74 — Fines (Commission, very large platforms)\n\nUp to 6% of worldwide turnover.\n\nSee art. 76 (penalty payments)';
    expect(kinds(text).map(([k]) => k)).toEqual(['heading', 'paragraph', 'paragraph']);
  });

  it('never takes a statement, a long line or the closing line for a heading', () => {
    expect(kinds('Ofcom fined the provider £20,000.\n\nMore.').map(([k]) => k)).toEqual(['paragraph', 'paragraph']);
    expect(kinds(`${'word '.repeat(20).trim()}\n\nMore.`)[0]![0]).toBe('paragraph');
    expect(kinds('Intro.\n\nA closing line without a stop')[1]![0]).toBe('paragraph');
    expect(kinds('“We will act”\n\nShe said.')[0]![0]).toBe('paragraph');
  });

  it('finds the lists of a loaded Markdown file, nested items after their parent', async () => {
    const markdown = '# Notes\n\n## Sanctions\n\n- It can suspend a licence.\n- It can revoke one:\n  1. at once\n  2. after notice\n\nThat is all.\n';
    const document = await loadDocument({ origin: 'notes.md', bytes: new TextEncoder().encode(markdown) });
    expect(kinds(document.text)).toEqual([
      ['heading', 'Sanctions'],
      ['list', 'It can suspend a licence.\nIt can revoke one:\nat once\nafter notice'],
      ['paragraph', 'That is all.'],
    ]);
  });

  it('finds the headings of a real explainer', async () => {
    const { documents } = await loadPaths([CORPUS_DIR]);
    const document = documents.find((d) => d.origin.endsWith('australia-esafety-powers.md'))!;
    const blocks = textBlocks(document.text);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => document.text.slice(b.start, b.end));
    expect(headings).toContain('Removal notices for intimate images');
    expect(headings).toContain('Enforcement tools in Part 10');
    // Every character of the text is in a block or between two.
    expect(blocks.map((b) => document.text.slice(b.start, b.end)).join('\n\n')).toBe(document.text);
  });
});
