import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWS_DIR } from '../../test/support/paths.js';
import { PowersTable } from '../core/powers/schema.js';
import type { CliIO } from './io.js';
import { runCli } from './program.js';

function captureIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
    isTTY: false,
    env: { REMIT_EMBEDDER: 'hashing' } as Record<string, string | undefined>,
    cwd: process.cwd(),
  };
  return io;
}

describe('remit powers', () => {
  let db: string;
  beforeAll(async () => {
    db = await mkdtemp(join(tmpdir(), 'remit-powers-'));
    expect(await runCli(['ingest', NEWS_DIR, '--db', db], captureIO())).toBe(0);
  });
  afterAll(() => rm(db, { recursive: true, force: true }));

  it('prints the table the ingest committed with the index, with numbered quotes', async () => {
    const io = captureIO();
    expect(await runCli(['powers', '--db', db, '--regulator', 'ofcom'], io)).toBe(0);
    const state = JSON.parse(await readFile(join(db, 'state.json'), 'utf8'));
    const saved = PowersTable.parse(JSON.parse(await readFile(join(db, state.powers), 'utf8')));
    expect(saved).toMatchObject({ extractor: 'rules', builtAt: state.info.builtAt, documents: 5 });
    expect(io.stdout).toContain(`rules extraction over 5 document(s), built ${state.info.builtAt}`);
    expect(io.stdout).toMatch(/^Regulator\s+Power/);
    expect(io.stdout).toContain('£18m or 10% of global revenue [');
    // Every [n] in the table is listed below with its source.
    const markers = new Set([...io.stdout.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
    for (const n of markers) expect(io.stdout).toMatch(new RegExp(`^\\[${n}\\] .+: “`, 'm'));
  });

  it('prints JSON filtered by kind, with exact quotes', async () => {
    const io = captureIO();
    expect(await runCli(['powers', '--db', db, '--kind', 'business_disruption_order', '--json'], io)).toBe(0);
    const table = PowersTable.parse(JSON.parse(io.stdout));
    expect(table.powers.map((p) => [p.regulator, p.kind, p.decidedBy])).toEqual([['Ofcom', 'business_disruption_order', 'court']]);
  });

  it('rejects an unknown kind as a usage error', async () => {
    const io = captureIO();
    expect(await runCli(['powers', '--db', db, '--kind', 'exile'], io)).toBe(2);
    expect(io.stderr).toContain('exile');
  });
});
