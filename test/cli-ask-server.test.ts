// `remit ask` on an index a `remit serve` is serving hands the question to that server: the same answer, without
// loading the answerer (the language model, LanceDB) in the one-shot process. Anything amiss and it answers itself.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { type RunningServer, serve } from '../src/adapter/node/serve.js';
import { buildFixtureIndex, type FixtureIndex } from './support/fixture-index.js';
import { HEAVY_PACKAGES, type ModuleLog, moduleLog } from './support/module-log.js';

const QUESTION = 'What is the maximum fine Ofcom can impose under the Online Safety Act?';
let fixture: FixtureIndex;
let server: RunningServer;
let registry: string;
let remit: ModuleLog;
const logs: { msg?: string; path?: string }[] = [];

beforeAll(async () => {
  fixture = await buildFixtureIndex();
  registry = await mkdtemp(join(tmpdir(), 'remit-registry-'));
  const config = loadConfig({ PORT: '0', REMIT_DB: fixture.dir, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'info' });
  server = await serve({ config, runtime: fixture.runtime, registryDir: registry, out: () => {}, logWrite: (line) => logs.push(JSON.parse(line)), handleSignals: false });
  remit = await moduleLog();
}, 60_000);
afterAll(async () => {
  await server?.close();
  await remit?.close();
  await fixture?.cleanup();
  await rm(registry, { recursive: true, force: true });
});

const ask = (...flags: string[]) => remit.run(['ask', '--db', fixture.dir, ...flags, QUESTION], { env: { REMIT_RUNTIME_DIR: registry } });
const asks = () => logs.filter((line) => line.msg === 'request' && line.path === '/api/ask').length;
/** The answer without what differs between two runs of the same question (its id, timings, the server's cache). */
const content = (json: string) => {
  const { id, timings, cached, ...rest } = JSON.parse(json);
  return rest;
};

it('answers through the running server, the same answer as in-process, without loading the answerer', async () => {
  const before = asks();
  const served = await ask('--json');
  expect(served.code, served.stderr).toBe(0);
  expect(asks()).toBe(before + 1);
  expect(HEAVY_PACKAGES.filter((name) => served.packages.has(name))).toEqual([]);

  const itself = await ask('--json', '--no-server');
  expect(itself.code, itself.stderr).toBe(0);
  expect(asks()).toBe(before + 1);
  expect(itself.packages.has('@lancedb/lancedb')).toBe(true);
  expect(content(served.stdout)).toEqual(content(itself.stdout));
  expect(JSON.parse(served.stdout).citations.length).toBeGreaterThan(0);

  // The terminal rendering too.
  const [servedText, ownText] = [await ask(), await ask('--no-server')];
  expect(servedText.stdout).toBe(ownText.stdout);
}, 60_000);

it('answers in-process when the recorded server is another version or gone', async () => {
  const [file] = await readdir(registry);
  const record = JSON.parse(await (await import('node:fs/promises')).readFile(join(registry, file!), 'utf8'));
  try {
    for (const changed of [{ ...record, version: '0.0.0-other' }, { ...record, url: 'http://127.0.0.1:9' }]) {
      await writeFile(join(registry, file!), JSON.stringify(changed));
      const before = asks();
      const result = await ask('--json');
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).citations.length).toBeGreaterThan(0);
      expect(asks()).toBe(before);
      expect(result.packages.has('@lancedb/lancedb')).toBe(true);
    }
  } finally {
    await writeFile(join(registry, file!), JSON.stringify(record));
  }
}, 60_000);

it('removes its record when it closes', async () => {
  expect(await readdir(registry)).toHaveLength(1);
  await server.close();
  expect(await readdir(registry)).toEqual([]);
});
