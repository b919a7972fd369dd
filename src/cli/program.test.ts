import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Answer, DocumentMeta } from '../core/schema.js';
import { NEWS_DIR } from '../../test/support/paths.js';
import { captureIO as captureWith } from '../../test/support/cli-io.js';
import { runCli } from './program.js';

const captureIO = (env: Record<string, string> = {}) => captureWith({ REMIT_EMBEDDER: 'hashing', ...env });

describe('remit CLI (in-process)', () => {
  let db: string;
  beforeAll(async () => {
    db = await mkdtemp(join(tmpdir(), 'remit-cli-'));
  });
  afterAll(() => rm(db, { recursive: true, force: true }));

  it('ingests the news, then skips unchanged documents on a second run', async () => {
    const first = captureIO();
    expect(await runCli(['ingest', NEWS_DIR, '--db', db, '--json'], first)).toBe(0);
    expect(JSON.parse(first.stdout).added).toHaveLength(5);
    const again = captureIO();
    expect(await runCli(['ingest', NEWS_DIR, '--db', db, '--json'], again)).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.added).toHaveLength(0);
    expect(report.unchanged).toHaveLength(5);
  });

  it('answers with cited sources, as text and as JSON matching the Answer schema', async () => {
    const text = captureIO();
    expect(await runCli(['ask', 'What can Ofcom fine under the Online Safety Act?', '--db', db], text)).toBe(0);
    expect(text.stdout).toMatch(/£18 million/);
    expect(text.stdout).toMatch(/\[1\]/);
    expect(text.stdout).toMatch(/Sources\n\[1\] /);

    const json = captureIO();
    expect(await runCli(['ask', '--json', 'Which country first blocked Grok?', '--db', db], json)).toBe(0);
    const answer = Answer.parse(JSON.parse(json.stdout));
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/Indonesia/);
  });

  it('lists sources and prints one document', async () => {
    const list = captureIO();
    expect(await runCli(['sources', '--db', db, '--json'], list)).toBe(0);
    const documents = DocumentMeta.array().parse(JSON.parse(list.stdout));
    expect(documents).toHaveLength(5);
    const one = captureIO();
    expect(await runCli(['source', documents[0]!.id, '--db', db], one)).toBe(0);
    expect(one.stdout).toContain(documents[0]!.title);
  });

  it('exits 2 with a usage message on bad usage, 1 with a one-line reason on failure', async () => {
    const noQuestion = captureIO();
    expect(await runCli(['ask', '--db', db], noQuestion)).toBe(2);
    expect(noQuestion.stderr).toMatch(/missing required argument/);
    const badK = captureIO();
    expect(await runCli(['ask', 'x', '--k', 'lots', '--db', db], badK)).toBe(2);
    const unknown = captureIO();
    expect(await runCli(['frobnicate'], unknown)).toBe(2);
    const missing = captureIO();
    expect(await runCli(['source', 'doc_nope', '--db', db], missing)).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/No document doc_nope/);
    const emptyIndex = captureIO();
    expect(await runCli(['ask', 'anything', '--db', join(db, 'empty')], emptyIndex)).toBe(1);
    expect(emptyIndex.stderr).toMatch(/remit ingest/);
  });

  it('prints help for every command and exits 0', async () => {
    for (const command of ['ingest', 'ask', 'sources', 'source']) {
      const io = captureIO();
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.stdout).toMatch(/Usage: remit/);
    }
  });
});
