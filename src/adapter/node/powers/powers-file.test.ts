import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEWS_DIR } from '../../../../test/support/paths.js';
import { isRemitError } from '../../../core/errors.js';
import { loadPaths } from '../read-paths.js';
import { POWERS_FILE, readPowersFile, writePowersFile } from './powers-file.js';
import { refreshPowers } from './refresh.js';

const { documents } = await loadPaths([NEWS_DIR]);
const store = {
  listDocuments: async () => documents.map(({ text: _text, ...meta }) => meta),
  getDocument: async (id: string) => documents.find((d) => d.id === id) ?? null,
};

describe('powers.json', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-powers-file-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is absent before the first refresh, then holds every document’s powers, with no temp file left', async () => {
    expect(await readPowersFile(dir)).toBeNull();
    const table = await refreshPowers({ store }, { db: dir, now: () => new Date('2026-05-20T00:00:00Z') });
    expect(table).toMatchObject({ extractor: 'rules', documents: documents.length, builtAt: '2026-05-20T00:00:00.000Z' });
    expect(await readPowersFile(dir)).toEqual(table);
    expect(await readdir(dir)).toEqual([POWERS_FILE]);
  });

  it('refuses a damaged file with a typed error', async () => {
    await writeFile(join(dir, POWERS_FILE), '{"version": 1, "powers": [');
    const error = await readPowersFile(dir).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('index_corrupt');
  });

  it('never writes a table that breaks the schema (a field without a quote)', async () => {
    const broken = { version: 1 as const, builtAt: 'now', extractor: 'rules' as const, documents: 0, powers: [{ id: 'x', regulator: 'Ofcom', kind: 'fine' as const, citations: {}, conflicts: [] }] };
    await expect(writePowersFile(dir, broken)).rejects.toMatchObject({ code: 'index_unwritable' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('falls back to the rules, with a warning, when Claude cannot be reached', async () => {
    const warnings: string[] = [];
    const table = await refreshPowers({ store }, { db: dir, anthropic: { apiKey: 'test', baseURL: 'http://127.0.0.1:9' }, warn: (w) => warnings.push(w) });
    expect(table.extractor).toBe('rules');
    expect(table.powers.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/Claude could not extract powers/);
  }, 30_000);
});
