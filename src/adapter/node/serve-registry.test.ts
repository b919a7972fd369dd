import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readServedIndex, registerServedIndex } from './serve-registry.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-registry-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the served-index registry', () => {
  it('records a server for its index, by path however it is spelled, until it unregisters', async () => {
    const unregister = registerServedIndex({ url: 'http://127.0.0.1:9', version: '1.2.3', db: join(dir, 'index') }, join(dir, 'reg'));
    expect(readServedIndex(join(dir, 'x', '..', 'index'), join(dir, 'reg'))).toEqual({ url: 'http://127.0.0.1:9', version: '1.2.3', db: join(dir, 'index'), pid: process.pid });
    expect(readServedIndex(join(dir, 'other'), join(dir, 'reg'))).toBeUndefined();
    unregister();
    expect(readServedIndex(join(dir, 'index'), join(dir, 'reg'))).toBeUndefined();
    expect(await readdir(join(dir, 'reg'))).toEqual([]);
  });

  it('ignores the record of a process that is gone, and a record that does not parse', async () => {
    const registry = join(dir, 'reg');
    registerServedIndex({ url: 'http://127.0.0.1:9', version: '1', db: join(dir, 'a') }, registry);
    const [file] = await readdir(registry);
    // A process that has exited: its id is free (and not reused this quickly).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(join(registry, file!), JSON.stringify({ url: 'http://127.0.0.1:9', version: '1', db: join(dir, 'a'), pid: Number(gone) }));
    expect(readServedIndex(join(dir, 'a'), registry)).toBeUndefined();
    await writeFile(join(registry, file!), '{"url": 1');
    expect(readServedIndex(join(dir, 'a'), registry)).toBeUndefined();
  });

  it('leaves a newer server’s record alone when an older one unregisters', async () => {
    const registry = join(dir, 'reg');
    const unregister = registerServedIndex({ url: 'http://127.0.0.1:9', version: '1', db: join(dir, 'a') }, registry);
    const [file] = await readdir(registry);
    // Another live process took the index over (this test's parent stands in for it).
    await writeFile(join(registry, file!), JSON.stringify({ url: 'http://127.0.0.1:10', version: '1', db: join(dir, 'a'), pid: process.ppid }));
    unregister();
    expect(readServedIndex(join(dir, 'a'), registry)?.url).toBe('http://127.0.0.1:10');
  });
});
