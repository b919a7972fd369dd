// What `remit` loads before it runs a command: help and usage errors load none of the heavy packages (issue 24).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAVY_PACKAGES, type ModuleLog, moduleLog } from '../../test/support/module-log.js';

let remit: ModuleLog;
let dir: string;
beforeAll(async () => {
  remit = await moduleLog();
  dir = await mkdtemp(join(tmpdir(), 'remit-startup-'));
});
afterAll(async () => {
  await remit.close();
  await rm(dir, { recursive: true, force: true });
});

describe('remit start-up', () => {
  // remit has no --version option: it is a usage error, like a missing question or an unknown command.
  it.each([[['--help']], [['ask', '--help']], [['--version']], [['ask']], [['frobnicate']]])('`remit %s` loads none of the heavy packages', async (args) => {
    const { code, packages } = await remit.run(args);
    expect(code).toBe(args.includes('--help') ? 0 : 2);
    expect(packages.has('commander')).toBe(true);
    expect(HEAVY_PACKAGES.filter((name) => packages.has(name))).toEqual([]);
  });

  it('sees LanceDB load when a command opens the index (the check above can fail)', async () => {
    const { code, packages } = await remit.run(['sources', '--db', join(dir, 'index')]);
    expect(code).toBe(0);
    expect(packages.has('@lancedb/lancedb')).toBe(true);
  });
});
