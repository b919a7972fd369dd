// `remit ingest http://...` through the real CLI: loopback is refused unless allowed, then the page is ingested.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO } from '../support/cli-io.js';

const PAGE = '<html><head><title>Regulator powers</title></head><body><article><p>The regulator can fine a service up to ten percent of turnover.</p></article></body></html>';

let server: Server;
let base: string;
let db: string;
let hits = 0;
beforeAll(async () => {
  db = await mkdtemp(join(tmpdir(), 'remit-url-'));
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/missing') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(db, { recursive: true, force: true });
});

it('refuses a loopback URL by default with the reason and the flag that allows it, exit 1', async () => {
  const io = captureIO();
  expect(await runCli(['ingest', `${base}/page`, '--db', db], io)).toBe(1);
  expect(io.stderr.trim().split('\n')).toHaveLength(1);
  expect(io.stderr).toMatch(/Refusing to fetch: 127\.0\.0\.1 is a loopback address\. .*--allow-private-urls/);
  expect(hits).toBe(0);
});

it('ingests a loopback URL with --allow-private-urls or REMIT_ALLOW_PRIVATE_URLS=1; failed fetches are skipped with a reason', async () => {
  const io = captureIO();
  expect(await runCli(['ingest', `${base}/page`, `${base}/missing`, '--db', db, '--json', '--allow-private-urls'], io)).toBe(0);
  const report = JSON.parse(io.stdout);
  expect(report.added).toEqual([expect.objectContaining({ origin: `${base}/page` })]);
  expect(report.skipped).toEqual([{ origin: `${base}/missing`, reason: expect.stringMatching(/HTTP 404/) }]);

  const byEnv = captureIO({ REMIT_EMBEDDER: 'hashing', REMIT_ALLOW_PRIVATE_URLS: '1' });
  expect(await runCli(['ingest', `${base}/page`, '--db', db, '--json'], byEnv)).toBe(0);
  expect(JSON.parse(byEnv.stdout).unchanged).toHaveLength(1);
});
