// Property-based fuzzing of the CLI in-process: random argv arrays exit 0, 1 or 2 with a message, never an uncaught throw.
// serve, start and eval are left out: they run until stopped or for minutes, and are tested on their own.
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO } from '../support/cli-io.js';
import { NEWS_DIR } from '../support/paths.js';
import { recordFigures } from './support/figures.js';

const RUNS = 300;
// Every path a random line can name lies in the temp folder: `--db <path>` would otherwise build an index wherever it
// points (as root even in read-only folders), the shared news folder included.
const root = await mkdtemp(join(tmpdir(), 'remit-fuzz-cli-'));
const news = join(root, 'news');
const db = join(root, 'db');
const newsBefore = readdirSync(NEWS_DIR);
beforeAll(async () => {
  await cp(NEWS_DIR, news, { recursive: true });
  expect(await runCli(['ingest', news, '--db', db], Object.assign(captureIO(), { cwd: root }))).toBe(0);
});
afterAll(async () => {
  expect(await readdir(NEWS_DIR)).toEqual(newsBefore);
  await rm(root, { recursive: true, force: true });
});

const odd = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '-', '--', '---', '-x', '--=', '--db=', '\u0000', '💥'.repeat(100), 'x'.repeat(5000), 'sub/dir', '/proc/self/mem', '/dev/zero'),
);
const token = fc.oneof(
  { arbitrary: fc.constantFrom('--json', '--help', '-h', '--version', '--prune', '--rebuild', '--k', '--mode', '--embedder', '--db', '--target', '--out', '--regulator', '--kind'), weight: 3 },
  { arbitrary: fc.constantFrom('extractive', 'claude', 'hashing', 'transformers', 'cloudflare', '0', '51', '-1', '8', 'NaN'), weight: 2 },
  { arbitrary: fc.constantFrom(news, join(news, newsBefore[0]!), 'What can Ofcom fine?', 'doc_0000000000000000', 'http://127.0.0.1:1/x', 'ftp://x'), weight: 2 },
  odd,
);
/** Paths a random string happens to form outside the temp folder are moved under it (only /proc and /dev stay: probes that cannot be written). */
const contained = (arg: string): string => {
  const [, flag = '', path = arg] = /^(--[a-z-]+=)?(.*)$/s.exec(arg) ?? [];
  const where = resolve(root, path);
  const outside = where !== root && !where.startsWith(`${root}/`) && !/^\/(proc|dev)\//.test(where);
  return outside ? `${flag}${join(root, 'moved', where)}` : arg;
};
const argv = fc.tuple(fc.constantFrom('ingest', 'ask', 'sources', 'source', 'export', 'powers', 'help', 'frobnicate', '--help', ''), fc.array(token, { maxLength: 8 }));

it(`exits 0, 1 or 2 with a message for ${RUNS} random command lines`, { timeout: 80_000 }, async () => {
  const exits = { 0: 0, 1: 0, 2: 0 };
  await fc.assert(
    fc.asyncProperty(argv, async ([command, rest]) => {
      // Every run writes inside the temp folder: the index is pinned there unless the line names another --db.
      const io = Object.assign(captureIO({ REMIT_EMBEDDER: 'hashing', REMIT_DB: db }), { cwd: root });
      const args = [command, ...rest].filter((a, i) => i > 0 || a !== '').map(contained);
      const code = await runCli(args, io);
      expect([0, 1, 2], `${JSON.stringify(args)} -> ${code}`).toContain(code);
      exits[code as 0 | 1 | 2]++;
      if (code !== 0) expect(io.stderr.trim().length, JSON.stringify(args)).toBeGreaterThan(0);
      expect(io.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack traces
    }),
    { numRuns: RUNS, seed: 12 },
  );
  recordFigures('fuzz-cli', { commandLines: RUNS, exits });
});
