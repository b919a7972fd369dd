// Markdown is parsed with only the GFM parts its text can use (markdown.ts): the tree must be exactly the one that
// every part together gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../../test/support/paths.js';
import { gfmSyntaxFor } from './markdown.js';

const ALL_GFM = () => [gfmAutolinkLiteral(), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];

const SAMPLES = [
  ...readdirSync(CORPUS_DIR).map((name) => readFileSync(join(CORPUS_DIR, name), 'utf8').replace(/^---[\s\S]*?\n---\n/, '')),
  '| Power | Limit |\n| --- | --- |\n| Fine | £18m |\n\nAfter the table.',
  'See www.ofcom.org.uk/_guidance_ and https://example.org/a_b_c, or write to press@ofcom.org.uk.',
  'Emphasis _around www.example.com_ and ~~struck~~ text[^1].\n\n[^1]: A footnote.\n\n- [x] done\n- [ ] not yet',
  'No links, tables or pipes here: just *emphasis*, `code` and ~~strikes~~.',
  `${'Ofcom can fine. '.repeat(2000)}\n\nA second paragraph.`,
];

describe('gfmSyntaxFor', () => {
  it('gives the syntax tree all of GFM gives, with only the parts a text can use', () => {
    for (const body of SAMPLES) {
      const full = fromMarkdown(body, { extensions: ALL_GFM(), mdastExtensions: [gfmFromMarkdown()] });
      const chosen = fromMarkdown(body, { extensions: gfmSyntaxFor(body), mdastExtensions: [gfmFromMarkdown()] });
      expect(chosen, body.slice(0, 60)).toEqual(full);
    }
    expect(gfmSyntaxFor('No links, tables or pipes.')).toHaveLength(3);
  });
});
