// Broken surroundings: unwritable or full index folders, a missing model, damaged index files. Each gives one line naming
// the cause and the fix, exit code 1, and the server either refuses to start (once, no restart loop) or answers 503.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/adapter/node/config.js';
import { openRuntime } from '../../src/adapter/node/runtime.js';
import { serve } from '../../src/adapter/node/serve.js';
import { captureIO } from '../support/cli-io.js';
import { NEWS_DIR } from '../support/paths.js';
import { recordFigures } from './support/figures.js';
import { runRemit } from './support/remit-child.js';
import { writeBulletins } from './support/synthetic-corpus.js';

let root: string;
let pristine: string;
const mounts: string[] = [];
const outcomes: Record<string, string> = {};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-faults-'));
  pristine = join(root, 'pristine');
  expect(await runCli(['ingest', NEWS_DIR, '--db', pristine], captureIO())).toBe(0);
});
afterAll(async () => {
  for (const dir of mounts) execFileSync('umount', [dir]);
  await rm(root, { recursive: true, force: true });
  recordFigures('faults', outcomes);
});

/** A copy of the good index to damage. */
async function copyIndex(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(pristine, dir, { recursive: true });
  return dir;
}

/** Runs the CLI in-process and expects exit 1 with exactly one line on stderr; returns that line. */
async function failsWithOneLine(argv: string[], env?: Record<string, string>): Promise<string> {
  const io = captureIO({ REMIT_EMBEDDER: 'hashing', ...env });
  expect(await runCli(argv, io), io.stderr).toBe(1);
  const lines = io.stderr.trim().split('\n');
  expect(lines, io.stderr).toHaveLength(1);
  return lines[0]!;
}

/** A small tmpfs (root with mount rights only); undefined where it cannot be mounted. */
function tmpfs(name: string, options: string): string | undefined {
  const dir = join(root, name);
  execFileSync('mkdir', ['-p', dir]);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

describe('index folder that cannot be written', () => {
  it('under /proc (fails even as root, and fast: Node’s recursive mkdir would spin there forever)', async () => {
    const line = await failsWithOneLine(['ingest', NEWS_DIR, '--db', '/proc/remit-index']);
    expect(line).toMatch(/Cannot write the index folder \/proc\/remit-index \(folders cannot be created there\)\. .*--db/);
    outcomes.procDb = line;
  });

  it('below a regular file', async () => {
    await writeFile(join(root, 'a-file'), 'not a folder');
    const line = await failsWithOneLine(['ingest', NEWS_DIR, '--db', join(root, 'a-file/db')]);
    expect(line).toMatch(/a part of the path is a file, not a folder.*--db/);
  });

  it('on a read-only file system', async (ctx) => {
    const dir = tmpfs('ro', 'ro,size=1m');
    if (!dir) return ctx.skip('mounting a tmpfs needs root with mount rights');
    const line = await failsWithOneLine(['ingest', NEWS_DIR, '--db', join(dir, 'db')]);
    expect(line).toMatch(/\(the file system is read-only\)\. Make .* writable/);
    outcomes.readOnly = line;
  });

  it('on a full disk: the ingest fails with the cause, and the previous state is still served', async (ctx) => {
    const dir = tmpfs('full', 'size=1m');
    if (!dir) return ctx.skip('mounting a tmpfs needs root with mount rights');
    const db = join(dir, 'db');
    expect(await runCli(['ingest', NEWS_DIR, '--db', db], captureIO())).toBe(0);
    const bulletins = join(root, 'bulletins');
    await writeBulletins(bulletins, 1, 120);
    const line = await failsWithOneLine(['ingest', NEWS_DIR, bulletins, '--db', db]);
    expect(line).toMatch(/\(the disk is full\)\. .*check free disk space/);
    outcomes.fullDisk = line;
    const sources = captureIO();
    expect(await runCli(['sources', '--json', '--db', db], sources)).toBe(0);
    expect(JSON.parse(sources.stdout)).toHaveLength(5);
    const ask = captureIO();
    expect(await runCli(['ask', 'What can Ofcom fine under the Online Safety Act?', '--db', db], ask)).toBe(0);
    expect(ask.stdout).toMatch(/£18 million/);
  });
});

describe('an index folder that turns read-only while serving', () => {
  it('answers feedback and ingest with 503 problem details naming the cause, and keeps answering questions', async (ctx) => {
    const dir = tmpfs('serve-ro', 'size=16m');
    if (!dir) return ctx.skip('mounting a tmpfs needs root with mount rights');
    const db = join(dir, 'db');
    await cp(pristine, db, { recursive: true });
    const token = 'a'.repeat(32);
    const config = loadConfig({ PORT: '0', REMIT_DB: db, REMIT_RATE_LIMIT: '0', REMIT_ADMIN_TOKEN: token });
    const server = await serve({ config, out: () => {}, logWrite: () => {}, handleSignals: false });
    try {
      execFileSync('mount', ['-o', 'remount,ro', dir]);
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const feedback = await post('/api/feedback', { answerId: 'ans_1', rating: 'up' });
      expect(feedback.status).toBe(503);
      expect(feedback.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = await feedback.json();
      expect(problem).toMatchObject({ status: 503, code: 'index_unwritable', hint: expect.stringMatching(/the file system is read-only/) });
      expect(JSON.stringify(problem)).not.toContain(db);
      outcomes.feedbackReadOnly = `HTTP ${feedback.status} ${problem.code}: ${problem.hint}`;
      const ingest = await post('/api/ingest', { text: 'Ofcom can fine a provider.', origin: 'api:ro' }, { authorization: `Bearer ${token}` });
      expect(await ingest.json()).toMatchObject({ status: 503, code: 'index_unwritable', hint: expect.stringMatching(/the file system is read-only/) });
      const ask = await post('/api/ask', { question: 'What can Ofcom fine under the Online Safety Act?' });
      expect(ask.status).toBe(200);
    } finally {
      await server.close();
      execFileSync('mount', ['-o', 'remount,rw', dir]);
    }
  });
});

it('a missing model names the folder it looked in and the ways out', async () => {
  const models = join(root, 'empty-models');
  await mkdir(models);
  const line = await failsWithOneLine(['ingest', NEWS_DIR, '--db', join(root, 'model-db'), '--embedder', 'transformers'], { REMIT_MODEL_DIR: models });
  expect(line).toMatch(/Embedding model "Xenova\/bge-small-en-v1\.5" is not in .*empty-models.*, and downloads are off\. Put .* REMIT_ALLOW_REMOTE_MODELS.*hashing embedder \(--embedder hashing\)\.$/);
  outcomes.missingModel = line;
});

describe('damaged index files', () => {
  const ask = (db: string) => ['ask', 'What can Ofcom fine under the Online Safety Act?', '--db', db];

  it.each([
    ['truncated state.json', (db: string) => truncate(join(db, 'state.json'), 40), /state\.json is not valid JSON\. Re-ingest with `remit ingest --rebuild <paths>`/],
    ['state.json of another shape', (db: string) => writeFile(join(db, 'state.json'), '{"schemaVersion":1,"versions":"x"}'), /state\.json is not a Remit index state.*--rebuild/],
    ['a truncated .lance data file', (db: string) => truncateFirst(join(db, 'chunks.lance/data'), 100), /cannot be read; a table file is damaged or missing .*--rebuild/],
    ['garbled table manifests', (db: string) => garbleAll(join(db, 'chunks.lance/_versions'), '.manifest'), /Cannot open the chunks table .*--rebuild/],
    ['a deleted table', (db: string) => rm(join(db, 'documents.lance'), { recursive: true }), /Cannot open the documents table .*--rebuild/],
  ])('%s: one line with the fix, and the fix works', async (name, damage, message) => {
    const db = await copyIndex(name.replace(/\W+/g, '-'));
    await damage(db);
    const line = await failsWithOneLine(ask(db));
    expect(line).toMatch(message);
    outcomes[name] = line;
    expect(await runCli(['ingest', '--rebuild', NEWS_DIR, '--db', db], captureIO())).toBe(0);
    const fixed = captureIO();
    expect(await runCli(ask(db), fixed)).toBe(0);
    expect(fixed.stdout).toMatch(/£18 million/);
  });

  it('remit serve on a damaged state.json exits once with code 1 and the reason (no restart loop)', { timeout: 30_000 }, async () => {
    const db = await copyIndex('serve-state');
    await truncate(join(db, 'state.json'), 40);
    const run = await runRemit(['serve', '--db', db, '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/state\.json is not valid JSON\. Re-ingest/)]);
    expect(run.stdout).not.toMatch(/listening/);
  });

  it('a server whose table files are damaged while it runs fails its health check and answers 503 problems with the reason', async () => {
    const db = await copyIndex('serve-data');
    const runtime = await openRuntime({ db, warn: () => {} });
    const config = loadConfig({ PORT: '0', REMIT_DB: db, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'info' });
    const logs: string[] = [];
    const server = await serve({ config, runtime, out: () => {}, logWrite: (line) => logs.push(line), handleSignals: false });
    try {
      // Damaged after the start-up warm-up has loaded the small chunks table into memory, so the damage is met on
      // the first read that still goes to disk: the cited document's text.
      while (!logs.some((line) => line.includes('"index warmed"'))) await new Promise((r) => setTimeout(r, 20));
      await truncateFirst(join(db, 'chunks.lance/data'), 100);
      await truncateFirst(join(db, 'documents.lance/data'), 100);
      // The health check reads every file, so it finds the damage before any question does and takes the instance
      // out of rotation, naming the fix but no path (the log line has the cause).
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      const reason = (await health.json()) as { detail: string };
      expect(reason.detail).toMatch(/damaged or missing; re-ingest with `remit ingest --rebuild/);
      expect(reason.detail).not.toContain(db);
      expect(logs.filter((line) => line.includes('"index damaged"'))).toHaveLength(1);
      const response = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'What can Ofcom fine under the Online Safety Act?' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      // A 5xx problem withholds the message (it names paths); the code says what broke and the hint how to fix it.
      const problem = await response.json();
      expect(problem).toMatchObject({ status: 503, code: 'index_corrupt', hint: expect.stringMatching(/remit ingest --rebuild/) });
      outcomes.serverDamagedData = `HTTP ${response.status} ${problem.code}: ${problem.hint}`;
    } finally {
      await server.close();
    }
  });
});

async function truncateFirst(folder: string, size: number): Promise<void> {
  const [file] = (await readdir(folder)).filter((f) => f.endsWith('.lance'));
  await truncate(join(folder, file!), size);
}

async function garbleAll(folder: string, suffix: string): Promise<void> {
  for (const file of (await readdir(folder)).filter((f) => f.endsWith(suffix))) await writeFile(join(folder, file), 'garbled, not a manifest');
}
