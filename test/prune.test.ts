// Moves, renames and --prune: whatever the paths given, a document still present somewhere stays indexed, under the
// origin it has now, and --prune removes only what path-based ingests put there.
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { serve } from '../src/adapter/node/serve.js';
import { runCli } from '../src/cli/program.js';
import type { DocumentMeta } from '../src/core/schema.js';
import { captureIO } from './support/cli-io.js';
import { CORPUS_DIR } from './support/paths.js';

let root: string;
let db: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-prune-'));
  db = join(root, 'db');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const FILES = ['eu-dsa-fines-and-penalties.md', 'business-disruption-measures.md'];

async function remit(...argv: string[]): Promise<string> {
  const io = captureIO();
  expect(await runCli([...argv, '--db', db], io), io.stderr).toBe(0);
  return io.stdout;
}

const sources = async (): Promise<DocumentMeta[]> => JSON.parse(await remit('sources', '--json'));
const report = async (...argv: string[]) => JSON.parse(await remit('ingest', '--json', ...argv));

async function folderOf(name: string, files = FILES): Promise<string> {
  const folder = join(root, name);
  await mkdir(folder, { recursive: true });
  for (const file of files) await cp(join(CORPUS_DIR, file), join(folder, file));
  return folder;
}

describe('a moved or renamed file', () => {
  it('ends up indexed under its new origin when the old one is pruned (the moved folder of issue 21)', async () => {
    const a = await folderOf('a');
    await report(a);
    const before = await sources();
    const b = join(root, 'b');
    await rename(a, b);
    const moved = await report('--prune', b);
    expect(moved.removed).toEqual([]);
    expect(moved.moved.map((m: { from: string; origin: string }) => [m.from, m.origin]).sort()).toEqual(FILES.map((f) => [join(a, f), join(b, f)]).sort());
    const after = await sources();
    expect(after.map((d) => d.origin).sort()).toEqual(FILES.map((f) => join(b, f)).sort());
    // Same text, same ids: every citation of the old index still resolves.
    expect(after.map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
    const source = captureIO();
    expect(await runCli(['source', after[0]!.id, '--db', db], source)).toBe(0);
    const ask = await remit('ask', '--json', 'What is the maximum DSA fine?');
    expect(JSON.parse(ask).citations[0].origin).toMatch(new RegExp(`^${b}`));
    // A second run changes nothing.
    expect(await report('--prune', b)).toMatchObject({ moved: [], removed: [], unchanged: expect.any(Array) });
  });

  it('a renamed file without --prune stays indexed under its old origin (skipped as the same text)', async () => {
    const a = await folderOf('a', [FILES[0]!]);
    await report(a);
    await rename(join(a, FILES[0]!), join(a, 'renamed.md'));
    const again = await report(a);
    expect(again.skipped).toEqual([{ origin: join(a, 'renamed.md'), reason: `same text as ${join(a, FILES[0]!)}` }]);
    expect((await sources()).map((d) => d.origin)).toEqual([join(a, FILES[0]!)]);
  });

  it('a file moved onto the origin of a changed document replaces it', async () => {
    const a = await folderOf('a');
    await report(a);
    // FILES[1] is deleted and FILES[0]'s text moves to its name.
    await rm(join(a, FILES[1]!));
    await rename(join(a, FILES[0]!), join(a, FILES[1]!));
    const moved = await report('--prune', a);
    expect(moved.moved).toEqual([{ id: expect.any(String), origin: join(a, FILES[1]!), from: join(a, FILES[0]!) }]);
    const after = await sources();
    expect(after).toHaveLength(1);
    expect(after[0]!.origin).toBe(join(a, FILES[1]!));
  });

  it('texts that move between files given again (no --prune) are all kept, under the files that hold them now', async () => {
    const a = await folderOf('a');
    await report(a);
    const [x, y] = FILES.map((f) => join(a, f)) as [string, string];
    const before = new Map((await sources()).map((d) => [d.origin, d.id]));
    // x takes y's text, y gets a new text: y's old text must not be dropped as "replaced".
    await cp(y, x);
    await writeFile(y, '# New\n\nThe regulator may also fine a provider that misleads it.\n');
    const changed = await report(a);
    expect(changed.moved).toEqual([{ id: before.get(y), origin: x, from: y }]);
    expect(changed.replaced).toEqual([{ id: expect.any(String), origin: y }]);
    const after = new Map((await sources()).map((d) => [d.origin, d.id]));
    expect(after.get(x)).toBe(before.get(y));
    expect(after.size).toBe(2);
  });
});

describe('--prune and documents uploaded through POST /api/ingest', () => {
  it('keeps uploads (api:, upload: and caller-named origins) unless --prune-uploads is given', async () => {
    const a = await folderOf('a');
    await report(a);
    const token = 'p'.repeat(32);
    const server = await serve({
      config: loadConfig({ PORT: '0', REMIT_DB: db, REMIT_ADMIN_TOKEN: token, REMIT_EMBEDDER: 'hashing' }),
      out: () => {},
      logWrite: () => {},
      handleSignals: false,
      indexPollMs: 60_000,
    });
    try {
      const headers = { authorization: `Bearer ${token}` };
      const json = (body: unknown) => fetch(`${server.url}/api/ingest`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await json({ text: 'The Harbour Board of Vellmar may fine a ship owner.' })).status).toBe(201);
      expect((await json({ text: 'The Port Authority of Quill may detain a vessel.', origin: 'reports/quill.md' })).status).toBe(201);
      const form = new FormData();
      form.set('file', new File(['The River Board of Osk may close a lock.'], 'osk.txt', { type: 'text/plain' }));
      expect((await fetch(`${server.url}/api/ingest`, { method: 'POST', headers, body: form })).status).toBe(201);
    } finally {
      await server.close();
    }
    const origins = async () => (await sources()).map((d) => d.origin).sort();
    const uploads = ['reports/quill.md', 'upload:osk.txt', expect.stringMatching(/^api:/)];
    expect(await origins()).toHaveLength(5);

    const other = await folderOf('other', [FILES[0]!]);
    await writeFile(join(other, 'extra.md'), '# Extra\n\nThe regulator may fine a provider for failing to answer.\n');
    const pruned = await report('--prune', other);
    expect(pruned.removed.map((r: { origin: string }) => r.origin)).toEqual([join(a, FILES[1]!)]);
    expect(await origins()).toEqual(expect.arrayContaining(uploads));
    expect(await origins()).toHaveLength(5);

    const all = await report('--prune', '--prune-uploads', other);
    expect(all.removed).toHaveLength(3);
    expect(await origins()).toEqual([join(other, 'extra.md'), join(other, FILES[0]!)].sort());
  });
});
