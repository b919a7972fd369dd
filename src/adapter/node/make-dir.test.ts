import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeDirectory } from './make-dir.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-mkdir-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('creates missing levels and accepts an existing folder', async () => {
  await makeDirectory(join(root, 'a/b/c'));
  expect((await stat(join(root, 'a/b/c'))).isDirectory()).toBe(true);
  await makeDirectory(join(root, 'a/b/c'));
});

it('fails fast where recursive mkdir would spin: under /proc and through a dangling link', { timeout: 5000 }, async () => {
  await expect(makeDirectory('/proc/remit-index/db')).rejects.toMatchObject({ code: 'ENOENT' });
  await symlink(join(root, 'nowhere'), join(root, 'dangling'));
  await expect(makeDirectory(join(root, 'dangling/db'))).rejects.toMatchObject({ code: 'ENOENT' });
});

it('names a file in the way', async () => {
  await writeFile(join(root, 'file.txt'), 'x');
  await expect(makeDirectory(join(root, 'file.txt/db'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  await expect(makeDirectory(join(root, 'file.txt'))).rejects.toMatchObject({ code: 'ENOTDIR' });
});
