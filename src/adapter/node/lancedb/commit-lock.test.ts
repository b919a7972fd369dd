import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { acquireCommitLock, LOCK_FILE } from './commit-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps a second writer out while the lock is held, and frees it on release', async () => {
  const release = await acquireCommitLock(dir);
  expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
  await expect(acquireCommitLock(dir)).rejects.toMatchObject({ code: 'index_unwritable', status: 409 });
  await release();
  const again = await acquireCommitLock(dir);
  await again();
});

it('refuses a lock held by another live process', async () => {
  await writeFile(join(dir, LOCK_FILE), String(process.ppid));
  await expect(acquireCommitLock(dir)).rejects.toMatchObject({ code: 'index_unwritable', message: expect.stringContaining(String(process.ppid)) });
});

it('takes over a lock left by a process that died', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  await writeFile(join(dir, LOCK_FILE), dead);
  const release = await acquireCommitLock(dir);
  expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
  await release();
});
