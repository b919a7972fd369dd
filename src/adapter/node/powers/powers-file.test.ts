import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRemitError } from '../../../core/errors.js';
import { LEGACY_POWERS_FILE, powersFileName, pruneOldPowersFiles, readPowersFile, writePowersFile } from './powers-file.js';

const table = { version: 1 as const, builtAt: '2026-05-20T00:00:00.000Z', extractor: 'rules' as const, documents: 0, powers: [] };

describe('powers table files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-powers-file-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back what it wrote, with no temp file left; a missing file is null', async () => {
    const path = join(dir, powersFileName(3));
    expect(await readPowersFile(path)).toBeNull();
    await writePowersFile(path, table);
    expect(await readPowersFile(path)).toEqual(table);
    expect(await readdir(dir)).toEqual(['powers-3.json']);
  });

  it('refuses a damaged file with a typed error', async () => {
    await writeFile(join(dir, powersFileName(1)), '{"version": 1, "powers": [');
    const error = await readPowersFile(join(dir, powersFileName(1))).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('index_corrupt');
  });

  it('never writes a table that breaks the schema (a field without a quote)', async () => {
    const broken = { ...table, powers: [{ id: 'x', regulator: 'Ofcom', kind: 'fine' as const, citations: {}, conflicts: [] }] };
    await expect(writePowersFile(join(dir, powersFileName(1)), broken)).rejects.toMatchObject({ code: 'index_unwritable' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('prunes tables no state names once old enough, and the legacy powers.json at once', async () => {
    for (const name of [powersFileName(1), powersFileName(2), powersFileName(3), LEGACY_POWERS_FILE, 'state.json']) await writeFile(join(dir, name), '{}');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, powersFileName(1)), old, old);
    await pruneOldPowersFiles(dir, powersFileName(3), 30_000);
    expect((await readdir(dir)).sort()).toEqual([powersFileName(2), powersFileName(3), 'state.json']);
  });
});
