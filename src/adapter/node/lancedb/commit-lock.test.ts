import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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
  expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid}(:\\d+)?$`));
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
  expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid}(:\\d+)?$`));
  await release();
});

// tsx's ESM entry (its package resolves to the CommonJS one under require).
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** Tries to take the lock from a worker thread of this process; resolves with the error code, or 'taken'. */
function acquireFromThread(): Promise<string> {
  const code = `
    import { register } from '${TSX_API}';
    import { parentPort, workerData } from 'node:worker_threads';
    register();
    const { acquireCommitLock } = await import(workerData.module);
    try {
      const release = await acquireCommitLock(workerData.dir);
      await release();
      parentPort.postMessage('taken');
    } catch (error) {
      parentPort.postMessage(String(error.status ?? error.code));
    }`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: { dir, module: new URL('./commit-lock.ts', import.meta.url).href } });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: string) => void worker.terminate().then(() => resolve(message)));
    worker.once('error', reject);
  });
}

it('keeps out a writer on another thread of this process (the server’s ingest thread) while the lock is held', async () => {
  const release = await acquireCommitLock(dir);
  expect(await acquireFromThread()).toBe('409');
  await release();
  expect(await acquireFromThread()).toBe('taken');
});
