// The five shared news articles are the ground truth: boilerplate out, every real sentence in, character for character.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NEWS_DIR, newsFile } from '../../../test/support/paths.js';
import { appealCues } from './appeals.js';
import { loadDocument } from './index.js';

const names = (await readdir(NEWS_DIR)).filter((name) => name.endsWith('.txt')).sort();
const load = async (name: string) => {
  const bytes = new Uint8Array(await readFile(newsFile(name)));
  return { source: new TextDecoder().decode(bytes), document: await loadDocument({ origin: `news/${name}`, bytes }) };
};
const byPrefix = (prefix: string): string => names.find((name) => name.startsWith(prefix))!;
// The loader collapses runs of spaces (including no-break spaces); compare sources the same way.
const spaced = (text: string): string => text.replace(/[^\S\n]+/g, ' ');

describe('loadDocument on the shared news articles', () => {
  it('finds all five articles', () => {
    expect(names).toHaveLength(5);
  });

  describe.each(names)('%s', (name) => {
    it('drops donation appeals, date headers and photo captions', async () => {
      const { document } = await load(name);
      const paragraphs = document.text.split('\n\n');
      expect(paragraphs.every((paragraph) => appealCues(paragraph) < 2)).toBe(true);
      expect(document.text).not.toMatch(/your (?:support|donation)|support now|read more/i);
      expect(document.text).not.toMatch(/^\s*date\s+\d{4}-\d{2}-\d{2}/i);
      expect(document.text).not.toMatch(/Photo\/|\(Copyright|All rights reserved|^FILE\s*[-–]/m);
    });

    it('keeps every paragraph it keeps exactly as the source wrote it, separated by blank lines', async () => {
      const { source, document } = await load(name);
      const paragraphs = document.text.split('\n\n');
      expect(paragraphs.length).toBeGreaterThan(8);
      for (const paragraph of paragraphs) {
        expect(paragraph).toBe(paragraph.trim());
        expect(paragraph).not.toContain('\n');
        expect(spaced(source)).toContain(paragraph);
      }
      expect(document.text).not.toMatch(/ {2}/);
    });

    it('has a headline-sized title, never cut mid-phrase', async () => {
      const { document } = await load(name);
      expect(document.title.length).toBeGreaterThan(20);
      expect(document.title.length).toBeLessThanOrEqual(130);
      expect(document.title).not.toMatch(/…$/);
    });

    it('derives id and hash from the cleaned text, stably', async () => {
      const first = (await load(name)).document;
      const again = (await load(name)).document;
      const hash = createHash('sha256').update(first.text).digest('hex');
      expect(first.hash).toBe(hash);
      expect(first.id).toBe(`doc_${hash.slice(0, 16)}`);
      expect(again.id).toBe(first.id);
      expect(first.origin).toBe(`news/${name}`);
    });
  });

  it('reads dates from the date header where there is one', async () => {
    expect((await load(byPrefix('001'))).document.date).toBe('2026-01-11');
    expect((await load(byPrefix('003'))).document.date).toBe('2026-01-12');
    expect((await load(byPrefix('000'))).document.date).toBeUndefined();
    expect((await load(byPrefix('004'))).document.date).toBeUndefined();
  });

  it('takes headline first lines as titles', async () => {
    const first = (await load(byPrefix('000'))).document;
    expect(first.title).toMatch(/^US warns UK against .*Russia-style.* over AI images$/);
    expect(first.text).not.toContain('US warns UK');
    expect((await load(byPrefix('002'))).document.title).toMatch(/^Tech billionaire says .*censorship.$/);
  });

  it('takes a headline line out of the text it titles', async () => {
    for (const prefix of ['000', '002']) {
      const { document } = await load(byPrefix(prefix));
      expect(document.text.startsWith(document.title)).toBe(false);
    }
  });

  it('titles an article without a headline by its lead sentence: whole when it fits, else its main clause', async () => {
    for (const prefix of ['001', '003', '004']) {
      const { document } = await load(byPrefix(prefix));
      expect(document.text.startsWith(document.title)).toBe(true);
      // It ends where the sentence ends or where a clause it hangs on begins ("... after ministers stepped up ...").
      expect(document.text.slice(document.title.length)).toMatch(/^(?:\.|,|;| (?:after|amid|as|over|following|because|while|which|who) )/);
    }
    expect((await load(byPrefix('004'))).document.title).toMatch(/“fascist”$/);
    expect((await load(byPrefix('003'))).document.title).toMatch(/address MPs about social media platform X$/);
  });

  it('names the outlet where the text names it (a donation appeal), and no one where it does not', async () => {
    expect((await load(byPrefix('001'))).document.publisher).toBe('The Independent');
    expect((await load(byPrefix('003'))).document.publisher).toBe('The Independent');
    // 000's only credit is a photo's (an agency picture), which says nothing of who ran the story.
    for (const prefix of ['000', '002', '004']) expect((await load(byPrefix(prefix))).document.publisher).toBeUndefined();
  });

  it('keeps the key facts', async () => {
    expect((await load(byPrefix('004'))).document.text).toContain('£18 million or 10% of global revenue');
    expect((await load(byPrefix('004'))).document.text).toContain('only paid subscribers');
    expect((await load(byPrefix('002'))).document.text).toContain('first country to block access');
    expect((await load(byPrefix('003'))).document.text).toContain('X is not doing enough');
    for (const name of names.filter((n) => !n.startsWith('002'))) {
      expect((await load(name)).document.text).toContain('expedited assessment');
    }
  });

  it('drops nothing but the boilerplate: every other source paragraph is kept', async () => {
    // Source paragraphs minus headline, appeal and the two captions.
    const expected: Record<string, number> = { '000': 14, '001': 16, '002': 27, '003': 11, '004': 16 };
    for (const [prefix, count] of Object.entries(expected)) {
      expect((await load(byPrefix(prefix))).document.text.split('\n\n')).toHaveLength(count);
    }
  });

  it('keeps the quote that sits next to the dropped caption in 000', async () => {
    const { document } = await load(byPrefix('000'));
    expect(document.text).toContain('Mr Musk claimed the Government');
    expect(document.text).not.toContain('Oval Office');
  });
});
