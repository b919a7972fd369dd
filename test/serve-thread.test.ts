// `remit serve` runs on a thread whose V8 heap limit follows its caches (issue 24): the limit is in force, signals
// and exit codes pass through the main thread, and a thread that runs out of memory is restarted with a larger limit.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedHeapLimitMb, serveHeapLimitMb } from '../src/adapter/node/serve-heap.js';
import { serveOnThread } from '../src/adapter/node/serve-thread.js';
import { loadConfig } from '../src/adapter/node/config.js';
import { buildFixtureIndex, type FixtureIndex } from './support/fixture-index.js';
import { REMIT_CLI } from '../bench/lib/remit-server.js';

let fixture: FixtureIndex;
beforeAll(async () => (fixture = await buildFixtureIndex()));
afterAll(() => fixture?.cleanup());

interface Served {
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `remit serve` on the fixture in its own process; resolves once it prints its URL. */
function startServe(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [REMIT_CLI, 'serve', '--db', fixture.dir, '--port', '0'], {
    env: { ...process.env, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'silent', REMIT_RUNTIME_DIR: `${fixture.dir}-registry`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<Awaited<Served['exit']>>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (http:\/\/\S+) /.exec(stdout)?.[1];
      if (url) resolve({ child, url, exit });
    });
    void exit.then((e) => reject(new Error(`remit serve exited ${e.code ?? e.signal} before listening: ${e.stderr}`)));
  });
}

const memoryOf = async (url: string) => ((await (await fetch(`${url}/healthz`)).json()) as { memory: { heapLimitMb: number; heapUsedMb: number } }).memory;

describe('remit serve on a heap-limited thread', () => {
  it('serves with the limit derived from its caches, reported on /healthz, and stops on SIGTERM with exit code 0', async () => {
    const served = await startServe({ REMIT_READING_CACHE: '16mb', REMIT_ANSWER_CACHE: '100' });
    const derived = derivedHeapLimitMb({ readingCacheBytes: 16 * 1024 * 1024, answerCacheEntries: 100 });
    const memory = await memoryOf(served.url);
    // V8's heap limit is the old generation's plus the young generation's (a few tens of MB).
    expect(memory.heapLimitMb).toBeGreaterThanOrEqual(derived);
    expect(memory.heapLimitMb).toBeLessThan(derived + 100);
    expect(memory.heapUsedMb).toBeGreaterThan(0);
    served.child.kill('SIGTERM');
    const exit = await served.exit;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).toContain('SIGTERM: finishing in-flight requests, then stopping');
  });

  it('follows REMIT_HEAP_LIMIT, and serves without a limit of its own when it is off or NODE_OPTIONS sets one', async () => {
    const chosen = await startServe({ REMIT_HEAP_LIMIT: '200mb' });
    const off = await startServe({ REMIT_HEAP_LIMIT: 'off' });
    const own = await startServe({ NODE_OPTIONS: '--max-old-space-size=150' });
    try {
      const [a, b, c] = await Promise.all([chosen, off, own].map((s) => memoryOf(s.url)));
      expect(a!.heapLimitMb).toBeGreaterThanOrEqual(200);
      expect(a!.heapLimitMb).toBeLessThan(300);
      // V8's own default: far above any derived limit on a machine with a few GB.
      expect(b!.heapLimitMb).toBeGreaterThan(a!.heapLimitMb);
      expect(c!.heapLimitMb).toBeGreaterThanOrEqual(150);
      expect(c!.heapLimitMb).toBeLessThan(250);
    } finally {
      for (const s of [chosen, off, own]) s.child.kill('SIGINT');
    }
    for (const s of [chosen, off, own]) expect(await s.exit).toMatchObject({ code: 0, signal: null });
  });

  it('ends at once by the signal, as a process would, when one comes before the server has started', async () => {
    const child = spawn(process.execPath, [REMIT_CLI, 'serve', '--db', fixture.dir, '--port', '0'], { env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: 'ignore' });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('passes on the exit code and the one-line reason of a command that fails in the thread', async () => {
    const damaged = await mkdtemp(join(tmpdir(), 'remit-serve-thread-'));
    await writeFile(join(damaged, 'state.json'), '{"schemaVersion": 1, "inf');
    const child = spawn(process.execPath, [REMIT_CLI, 'serve', '--db', damaged, '--port', '0'], { env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await rm(damaged, { recursive: true, force: true });
    // Said once, on one line, with the code `remit` gives it in a process (faults.test.ts has the same from the CLI).
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^remit: .*state\.json is not valid JSON/)]);
  });
});

describe('serveOnThread', () => {
  it('restarts a thread that runs out of memory with a limit 1.5x larger, then returns its exit code', async () => {
    const lines: string[] = [];
    const code = await serveOnThread({ argv: [], heapLimitMb: 40, err: (line) => lines.push(line), workerFile: new URL('./support/out-of-memory-thread.mjs', import.meta.url) });
    expect(code).toBe(7);
    expect(lines).toEqual([
      expect.stringMatching(/out of memory at its 40 MB heap limit; restarting it with 60 MB/),
      expect.stringMatching(/out of memory at its 60 MB heap limit; restarting it with 90 MB/),
      expect.stringMatching(/out of memory at its 90 MB heap limit; restarting it with 135 MB/),
    ]);
  });
});

describe('serveHeapLimitMb', () => {
  const config = (env: Record<string, string>) => loadConfig({ REMIT_ANSWER_CACHE: '0', ...env });
  it('derives the limit from the reading and answer caches, and leaves a heap flag the user set alone', () => {
    expect(serveHeapLimitMb(config({ REMIT_READING_CACHE: '64mb' }), {}, [])).toBe(derivedHeapLimitMb({ readingCacheBytes: 64 * 1024 * 1024, answerCacheEntries: 0 }));
    expect(derivedHeapLimitMb({ readingCacheBytes: 128 * 1024 * 1024, answerCacheEntries: 0 })).toBeGreaterThan(derivedHeapLimitMb({ readingCacheBytes: 64 * 1024 * 1024, answerCacheEntries: 0 }));
    expect(serveHeapLimitMb(config({ REMIT_HEAP_LIMIT: '512mb' }), {}, [])).toBe(512);
    expect(serveHeapLimitMb(config({ REMIT_HEAP_LIMIT: 'off' }), {}, [])).toBeUndefined();
    expect(serveHeapLimitMb(config({}), { NODE_OPTIONS: '--max-old-space-size=300' }, [])).toBeUndefined();
    expect(serveHeapLimitMb(config({}), {}, ['--max_old_space_size=300'])).toBeUndefined();
  });

  it('rejects a reading cache or heap limit it cannot use, naming the variable', () => {
    expect(() => loadConfig({ REMIT_READING_CACHE: 'lots' })).toThrow(/REMIT_READING_CACHE must be a size/);
    expect(() => loadConfig({ REMIT_HEAP_LIMIT: '10mb' })).toThrow(/REMIT_HEAP_LIMIT must be auto, off, or a size from 96mb/);
    expect(loadConfig({ REMIT_READING_CACHE: '1gb' }).readingCacheBytes).toBe(1024 ** 3);
  });
});
