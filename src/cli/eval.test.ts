import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalReport } from '../eval/report-schema.js';
import { openRuntime } from '../adapter/node/runtime.js';
import { buildFixtureIndex, type FixtureIndex } from '../../test/support/fixture-index.js';
import { type MessagesApiServer, startMessagesApiServer } from '../../test/support/messages-api-server.js';
import { registerEvalCommand } from './eval.js';
import type { CliIO } from './io.js';

const cases = [
  { id: 'fine', question: 'What is the maximum fine Ofcom can impose under the Online Safety Act?', facts: ['18 million'], docs: ['004_dde430365e426545.txt'], tags: [] },
  { id: 'indonesia', question: 'Which country was the first to block access to Grok?', facts: ['Indonesia'], docs: ['002_48f31d64d8e17ff4.txt'], tags: [] },
  { id: 'cup', question: 'Who won the 2022 football World Cup?', facts: [], docs: [], unanswerable: true, tags: ['out-of-scope'] },
];

let fixture: FixtureIndex;
let work: string;
let api: MessagesApiServer;

beforeAll(async () => {
  fixture = await buildFixtureIndex();
  work = await mkdtemp(join(tmpdir(), 'remit-eval-cli-'));
  await writeFile(join(work, 'tiny.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n'));
  await writeFile(join(work, 'strict.json'), JSON.stringify({ min: { passRate: 1.01 } }));
  // The judge's requests carry no search results, so the stand-in answers them with this text.
  api = await startMessagesApiServer({ rewriteReply: 'yes' });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await fixture?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, env, cwd: work };
  const program = new Command('remit').exitOverride();
  registerEvalCommand(
    program,
    { io, openRuntime: () => openRuntime({ db: fixture.dir, warn: () => {} }) },
    { anthropic: (apiKey) => new Anthropic({ apiKey, baseURL: api.url, maxRetries: 0 }) },
  );
  const result = await program.parseAsync(['eval', '--dataset', 'tiny.jsonl', ...args], { from: 'user' }).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { out, err, error: result as { code?: string } | undefined };
}

describe('remit eval', () => {
  it('prints the table and writes report.json and a self-contained report.html', async () => {
    const { out, err, error } = await run(['--out', 'first']);
    expect(error).toBeUndefined();
    expect(out).toMatch(/Eval: 3 cases from tiny · extractive answers · k=8 · judge overlap-v1/);
    expect(out).toMatch(/Retrieval recall@k\s+1\.000/);
    expect(err).toContain('Wrote first/report.json and report.html');
    const report = EvalReport.parse(JSON.parse(await readFile(join(work, 'first/report.json'), 'utf8')));
    expect(report.cases.map((c) => c.id)).toEqual(['fine', 'indonesia', 'cup']);
    expect(await readFile(join(work, 'first/report.html'), 'utf8')).toContain('<svg');
  });

  it('compares against a baseline and fails the gate with a typed error', async () => {
    await run(['--out', 'base']);
    const { out, error } = await run(['--out', 'second', '--baseline', 'base/report.json', '--gate', '--thresholds', 'strict.json', '--k', '4']);
    expect(out).toContain('Against the baseline of');
    expect(out).toContain('! k = 4, baseline k = 8');
    expect(out).toContain('Gate: FAILED');
    expect(error?.code).toBe('gate_failed');
  });

  it('prints JSON with --json', async () => {
    const { out } = await run(['--out', 'json', '--json']);
    expect(EvalReport.parse(JSON.parse(out)).cases).toHaveLength(3);
  });

  it('judges with Claude when a key is set, and refuses the Claude judge without one', async () => {
    const before = api.requests.length;
    const { out, error } = await run(['--out', 'claude'], { ANTHROPIC_API_KEY: 'test-key' });
    expect(error).toBeUndefined();
    expect(out).toContain('judge claude:claude-haiku-4-5');
    expect(api.requests.length).toBeGreaterThan(before);
    expect((await run(['--judge', 'claude'])).error?.code).toBe('bad_input');
  });

  it('names the bad line of a broken dataset', async () => {
    await writeFile(join(work, 'broken.jsonl'), '{"id": "x"}\n');
    const { error } = await run(['--dataset', 'broken.jsonl']);
    expect(error).toMatchObject({ code: 'bad_input', message: expect.stringContaining('line 1, question') });
  });
});
