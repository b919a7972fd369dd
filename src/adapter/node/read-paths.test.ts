// Reading a mix of files and folders from a real temporary tree, and loading the shared news folder.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWS_DIR, newsFile } from '../../../test/support/paths.js';
import { RemitError } from '../../core/errors.js';
import { loadPaths, readPaths, type PathEntry } from './read-paths.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-read-paths-'));
  await mkdir(join(root, 'docs/nested'), { recursive: true });
  await mkdir(join(root, 'docs/.hidden'));
  await mkdir(join(root, 'docs/node_modules/pkg'), { recursive: true });
  await writeFile(join(root, 'docs/b.md'), '# B\n\nThe regulator can fine.\n');
  await writeFile(join(root, 'docs/a.txt'), 'The regulator can block.\n');
  await writeFile(join(root, 'docs/nested/c.html'), '<p>The regulator can investigate.</p>');
  await writeFile(join(root, 'docs/nested/big.txt'), 'x'.repeat(2000));
  await writeFile(join(root, 'docs/report.pdf'), '%PDF-1.7');
  await writeFile(join(root, 'docs/.secret.txt'), 'hidden');
  await writeFile(join(root, 'docs/.hidden/d.txt'), 'hidden');
  await writeFile(join(root, 'docs/node_modules/pkg/readme.md'), 'dependency');
  await writeFile(join(root, 'copy.txt'), 'The regulator can block.\n');
  await symlink(join(root, 'docs'), join(root, 'docs/nested/loop'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(paths: string[], maxBytes?: number): Promise<PathEntry[]> {
  const entries: PathEntry[] = [];
  for await (const entry of readPaths(paths, { maxBytes })) entries.push(entry);
  return entries;
}

describe('readPaths', () => {
  it('walks folders recursively in sorted order, skipping dotfiles, node_modules and links', async () => {
    const entries = await collect([join(root, 'docs')]);
    expect(entries.map((entry) => entry.origin.slice(root.length + 1))).toEqual([
      'docs/a.txt',
      'docs/b.md',
      'docs/nested/big.txt',
      'docs/nested/c.html',
      'docs/report.pdf',
    ]);
    expect(new TextDecoder().decode((entries[0] as { bytes: Uint8Array }).bytes)).toBe('The regulator can block.\n');
  });

  it('takes files as given, in the order given, and skips files over the size cap unread', async () => {
    const entries = await collect([join(root, 'copy.txt'), join(root, 'docs/nested')], 1000);
    expect(entries.map((entry) => entry.origin)).toEqual([join(root, 'copy.txt'), join(root, 'docs/nested/big.txt'), join(root, 'docs/nested/c.html')]);
    expect(entries[1]).toEqual({ origin: join(root, 'docs/nested/big.txt'), skipped: 'it is 2000 bytes, over the 1000-byte limit' });
  });

  it('fails with not_found naming a missing path before reading anything', async () => {
    const missing = join(root, 'nope');
    const error = await collect([join(root, 'docs'), missing]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemitError);
    expect((error as RemitError).code).toBe('not_found');
    expect((error as RemitError).message).toContain(missing);
  });
});

describe('loadPaths', () => {
  it('loads what it can and says why it skipped the rest', async () => {
    const { documents, skipped } = await loadPaths([join(root, 'docs'), join(root, 'copy.txt')], { maxBytes: 1000 });
    expect(documents.map((document) => [document.origin.slice(root.length + 1), document.text])).toEqual([
      ['docs/a.txt', 'The regulator can block.'],
      ['docs/b.md', 'The regulator can fine.'],
      ['docs/nested/c.html', 'The regulator can investigate.'],
    ]);
    expect(skipped.map((entry) => [entry.origin.slice(root.length + 1), entry.reason])).toEqual([
      ['docs/nested/big.txt', 'it is 2000 bytes, over the 1000-byte limit'],
      ['docs/report.pdf', "'.pdf' is not a supported file type"],
      ['copy.txt', `same text as ${join(root, 'docs/a.txt')}`],
    ]);
  });

  it('loads the five shared news articles with stable origins', async () => {
    const { documents, skipped } = await loadPaths([NEWS_DIR]);
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(5);
    expect(documents[0]!.origin).toBe(newsFile(documents[0]!.origin.split('/').pop()!));
    expect(new Set(documents.map((document) => document.id)).size).toBe(5);
    expect(documents.map((document) => document.date)).toEqual([undefined, '2026-01-11', undefined, '2026-01-12', undefined]);
  });
});
