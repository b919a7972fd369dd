import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRemitError } from '../../../core/errors.js';
import { change, makeDoc, randomUnitVector, seededRandom } from '../../../../test/support/store-docs.js';
import { searchChunks } from '../../../core/store/index-store.js';
import { chunkSliceRows } from './apply-change.js';
import { type LanceStore, openLanceStore } from './lancedb.js';
import { STATE_FILE } from './state-file.js';

const DIM = 16;
const random = seededRandom(42);
const doc = (name: string, sentences: string[], origin?: string) => makeDoc(name, sentences, { dimensions: DIM, random, origin });

const fines = doc('fines', [
  'The regulator may fine a platform up to ten percent of its qualifying worldwide revenue.',
  'Fines can also reach eighteen million pounds, whichever is greater.',
  'Senior managers face criminal liability for failing to answer information notices.',
]);
const blocking = doc("o'brien-blocking", [
  'A court can order internet providers to block access to a non-compliant service.',
  'Business disruption measures cut a service off from payment providers and advertisers.',
]);
const children = doc('children', [
  'Services likely to be accessed by children must carry out a children’s risk assessment 🙂.',
  'Highly effective age assurance is expected for pornography sites.',
]);

let dir: string;
let store: LanceStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-store-'));
  store = await openLanceStore({ dir });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isRemitError(error)) throw new Error(`expected a RemitError, got ${String(error)}`);
  return error;
}

describe('LanceStore', () => {
  it('is empty before the first commit', async () => {
    expect(await store.info()).toBeNull();
    expect(await store.listDocuments()).toEqual([]);
    expect(await searchChunks(store, { text: 'fine' }, 5)).toEqual([]);
    expect(await searchChunks(store, { vector: randomUnitVector(DIM, random) }, 5)).toEqual([]);
    expect(await store.signatures()).toEqual([]);
  });

  it('round-trips documents and chunks with exact text and metadata', async () => {
    const info = await store.commit(change(DIM, [fines, blocking, children]));
    expect(info).toMatchObject({ embedder: `test-${DIM}`, dimensions: DIM, documents: 3, chunks: 7, schemaVersion: 1 });
    expect(await store.info()).toEqual(info);

    for (const { document } of [fines, blocking, children]) expect(await store.getDocument(document.id)).toEqual(document);
    expect(await store.getDocument('doc_missing')).toBeNull();
    const { text: _text, ...meta } = blocking.document;
    expect((await store.getDocumentMeta([blocking.document.id, 'doc_missing'])).get(blocking.document.id)).toEqual(meta);
    expect((await store.listDocuments()).map((d) => d.id).sort()).toEqual([fines, blocking, children].map((d) => d.document.id).sort());
    expect(await store.origins()).toEqual(
      new Map([fines, blocking, children].map(({ document: d }) => [d.origin, { id: d.id, hash: d.hash, via: 'path' }])),
    );

    const signatures = await store.signatures();
    const stored = signatures.find((s) => s.chunkId === children.chunks[0]!.id)!;
    expect(stored).toEqual({ chunkId: children.chunks[0]!.id, docId: children.document.id, dupGroup: children.chunks[0]!.dupGroup, signature: children.chunks[0]!.signature });

    // A passage with no copy is a group of one: nothing to list, nothing read.
    expect(await store.sharedGroupMembers([children.chunks[0]!.dupGroup])).toEqual([]);
  });

  it('finds a chunk by its own vector with cosine similarity near 1', async () => {
    await store.commit(change(DIM, [fines, blocking, children]));
    const target = blocking.chunks[1]!;
    const [best, ...rest] = await searchChunks(store, { vector: target.vector }, 3);
    expect(best!.chunk.id).toBe(target.id);
    expect(best!.score).toBeCloseTo(1, 5);
    expect(rest.every((hit) => hit.score < best!.score)).toBe(true);
    await expect(searchChunks(store, { vector: new Float32Array(DIM + 1) }, 3)).rejects.toMatchObject({ code: 'embedder_mismatch' });
  });

  it('ranks text matches with stemming and ignores stop words', async () => {
    await store.commit(change(DIM, [fines, blocking, children]));
    const hits = await searchChunks(store, { text: 'What fines can the regulator impose?' }, 3);
    expect(hits[0]!.chunk.docId).toBe(fines.document.id);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect((await searchChunks(store, { text: 'blocked' }, 1))[0]!.chunk.id).toBe(blocking.chunks[0]!.id);
    expect(await searchChunks(store, { text: 'the of and' }, 5)).toEqual([]);
  });

  it('accepts hostile query strings without throwing', async () => {
    await store.commit(change(DIM, [fines, blocking, children]));
    const hostile = [
      '',
      '   ',
      '"unterminated',
      'text:fine AND (court OR',
      'NOT AND OR',
      "o'brien'; DROP TABLE chunks; --",
      'fine^2 court~ "*?\\/[]{}<>!+-',
      '🙂🙂🙂',
      '🙂 children',
      'word '.repeat(3000),
      `${'x'.repeat(1999)}🙂`,
      '\u0000\u0007 null bytes',
    ];
    for (const query of hostile) {
      const hits = await searchChunks(store, { text: query }, 5);
      expect(Array.isArray(hits), query.slice(0, 40)).toBe(true);
    }
    expect(await searchChunks(store, { text: '"""((()))' }, 5)).toEqual([]);
    expect((await searchChunks(store, { text: 'court: (block) "access"' }, 1))[0]!.chunk.id).toBe(blocking.chunks[0]!.id);
  });

  it('replaces and removes documents incrementally and keeps text search fresh', async () => {
    await store.commit(change(DIM, [fines, blocking, children]));
    const revised = doc('fines-v2', ['Penalties now include a daily fine for continuing breaches.'], fines.document.origin);
    const info = await store.commit(change(DIM, [revised], [fines.document.id, children.document.id]));

    expect(info).toMatchObject({ documents: 2, chunks: 3 });
    expect([...(await store.origins()).values()].map((d) => d.id).sort()).toEqual([blocking.document.id, revised.document.id].sort());
    expect(await store.getDocument(fines.document.id)).toBeNull();
    expect((await searchChunks(store, { text: 'daily penalties' }, 5)).map((h) => h.chunk.id)).toEqual([revised.chunks[0]!.id]);
    expect(await searchChunks(store, { text: 'eighteen million' }, 5)).toEqual([]);
    expect((await store.signatures()).map((s) => s.docId).sort()).toEqual(
      [blocking.document.id, blocking.document.id, revised.document.id].sort(),
    );
  });

  it('rewrites a stored document’s row in place (a moved file), keeping its chunks, and records how it came in', async () => {
    await store.commit(change(DIM, [{ ...fines, via: 'api' }, blocking]));
    expect((await store.origins()).get(fines.document.origin)).toMatchObject({ via: 'api' });
    const moved = { ...blocking.document, origin: '/moved/blocking.md', title: 'Moved' };
    const info = await store.commit({ ...change(DIM, []), rewrite: [{ document: moved }] });
    expect(info).toMatchObject({ documents: 2, chunks: 5 });
    expect(await store.getDocument(moved.id)).toEqual(moved);
    expect([...(await store.origins()).keys()].sort()).toEqual([fines.document.origin, '/moved/blocking.md'].sort());
    expect((await searchChunks(store, { text: 'block access' }, 1))[0]!.chunk).toMatchObject({ id: blocking.chunks[0]!.id, docId: moved.id });
  });

  it('adds the columns of the current layout to a documents table from the first one, in the commit that needs them', async () => {
    await store.commit(change(DIM, [fines]));
    // The first layout had no `via` column: rebuild the documents table without it, at the same version count.
    const lance = await connect(dir);
    const table = await lance.openTable('documents');
    await table.dropColumns(['via']);
    table.close();
    lance.close();
    await store.close();
    store = await openLanceStore({ dir, rebuild: false });
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'));
    state.versions.documents += 1;
    await writeFile(join(dir, STATE_FILE), JSON.stringify(state));
    await store.refresh();
    // Told apart by origin until recorded: an api: origin was an upload.
    expect((await store.origins()).get(fines.document.origin)).toEqual({ id: fines.document.id, hash: fines.document.hash });
    await store.commit(change(DIM, [blocking]));
    expect((await store.origins()).get(blocking.document.origin)).toMatchObject({ via: 'path' });
    expect((await store.origins()).get(fines.document.origin)).toEqual({ id: fines.document.id, hash: fines.document.hash });
    expect((await store.listDocuments()).map((d) => d.id).sort()).toEqual([fines.document.id, blocking.document.id].sort());
  });

  it('reads the chunks behind search refs, and refuses refs from before a commit', async () => {
    await store.commit(change(DIM, [fines, blocking, children]));
    const before = await store.searchText('court order to block access', 2);
    const chunks = await store.readChunks(before.map((c) => c.ref));
    expect(chunks.get(before[0]!.ref)).toMatchObject({ id: blocking.chunks[0]!.id, text: blocking.chunks[0]!.text, dupGroup: blocking.chunks[0]!.dupGroup });

    // Row ids are places in one table version: after this commit the same ids may name other chunks.
    await store.commit(change(DIM, [], [fines.document.id]));
    await expect(store.readChunks(before.map((c) => c.ref))).rejects.toMatchObject({ code: 'index_changed' });
    const after = await store.searchText('court order to block access', 1);
    expect([...(await store.readChunks(after.map((c) => c.ref))).values()].map((c) => c.id)).toEqual([blocking.chunks[0]!.id]);
    await expect(store.readChunks(['not a ref'])).rejects.toMatchObject({ code: 'bad_input' });
    expect((await store.readChunks([])).size).toBe(0);
  });

  it('regroups existing chunks and lists every member of a group', async () => {
    await store.commit(change(DIM, [fines, blocking]));
    const copy = doc('syndicated', ['Fines can also reach eighteen million pounds, whichever is greater.']);
    const group = fines.chunks[1]!.id;
    copy.chunks[0]!.dupGroup = group;
    await store.commit(change(DIM, [copy], [], [{ chunkId: fines.chunks[1]!.id, dupGroup: group }, { chunkId: blocking.chunks[0]!.id, dupGroup: group }]));

    const members = await store.sharedGroupMembers([group, "no'such group", fines.chunks[0]!.dupGroup]);
    expect(members.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [blocking.chunks[0]!, copy.chunks[0]!, fines.chunks[1]!].map((c) => ({ id: c.id, docId: c.docId, dupGroup: group })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // A regrouped chunk keeps its vector and text.
    const [best] = await searchChunks(store, { vector: blocking.chunks[0]!.vector }, 1);
    expect(best).toMatchObject({ chunk: { id: blocking.chunks[0]!.id, dupGroup: group, text: blocking.chunks[0]!.text } });
    expect(await store.sharedGroupMembers([])).toEqual([]);
  });

  it('reopens from disk, read-only, at the committed state', async () => {
    await store.commit(change(DIM, [fines, blocking]));
    const info = await store.commit(change(DIM, [children], [blocking.document.id]));
    await store.close();

    store = await openLanceStore({ dir, readOnly: true });
    expect(await store.info()).toEqual(info);
    expect((await store.listDocuments()).map((d) => d.id).sort()).toEqual([children.document.id, fines.document.id].sort());
    expect((await searchChunks(store, { text: 'age assurance' }, 1))[0]!.chunk.docId).toBe(children.document.id);
    await expect(store.commit(change(DIM, [blocking]))).rejects.toMatchObject({ code: 'index_unwritable' });
  });

  it('lets a reader in another process see a commit after refresh()', async () => {
    await store.commit(change(DIM, [fines]));
    const reader = await openLanceStore({ dir, readOnly: true });
    try {
      await store.commit(change(DIM, [blocking]));
      expect((await reader.listDocuments()).length).toBe(1);
      expect(await reader.refresh()).toBe(true);
      expect((await reader.listDocuments()).length).toBe(2);
      expect(await reader.refresh()).toBe(false);
    } finally {
      await reader.close();
    }
  });

  it('follows a rebuild by another process to a new vector width after refresh()', async () => {
    await store.commit(change(DIM, [fines]));
    const reader = await openLanceStore({ dir, readOnly: true });
    try {
      const wide = makeDoc('wide-rebuild', ['Fines can reach eighteen million pounds.'], { dimensions: DIM * 2, random });
      const rebuilder = await openLanceStore({ dir, rebuild: true });
      await rebuilder.commit(change(DIM * 2, [wide]));
      await rebuilder.close();
      expect(await reader.refresh()).toBe(true);
      expect(await reader.info()).toMatchObject({ dimensions: DIM * 2, documents: 1 });
      expect((await searchChunks(reader, { vector: wide.chunks[0]!.vector }, 1))[0]!.chunk.id).toBe(wide.chunks[0]!.id);
      expect((await searchChunks(reader, { text: 'eighteen million' }, 1))[0]!.chunk.id).toBe(wide.chunks[0]!.id);
    } finally {
      await reader.close();
    }
  });

  it('switches embedder only when every document is replaced', async () => {
    await store.commit(change(DIM, [fines]));
    const wide = makeDoc('wide', ['A wider vector for the same idea.'], { dimensions: 32, random });
    await expect(store.commit(change(32, [wide]))).rejects.toMatchObject({ code: 'embedder_mismatch' });
    const info = await store.commit(change(32, [wide], [fines.document.id]));
    expect(info).toMatchObject({ embedder: 'test-32', dimensions: 32, documents: 1, chunks: 1 });
    expect((await searchChunks(store, { vector: wide.chunks[0]!.vector }, 1))[0]!.chunk.id).toBe(wide.chunks[0]!.id);
  });

  it('writes the chunks slice by slice as they come, not after gathering them all', { timeout: 60_000 }, async () => {
    // Wide vectors make a slice the smallest one (1024 rows), so the test stays small.
    const dimensions = 2048;
    const rows = chunkSliceRows(dimensions);
    const wide = Array.from({ length: 3 }, (_, d) =>
      makeDoc(`wide${d}`, Array.from({ length: rows }, (_, i) => `Passage ${i} of wide${d}.`), { dimensions, random }),
    );
    const written: number[] = [];
    async function* batches() {
      for (const { chunks } of wide) {
        // Rows already in the table (at its latest, uncommitted version) when the next batch is taken.
        const db = await connect(join(dir, 'wide'));
        written.push(await db.openTable('chunks').then((table) => table.countRows(), () => 0));
        db.close();
        yield chunks;
      }
    }
    const wideStore = await openLanceStore({ dir: join(dir, 'wide'), vectorIndex: { minRows: 1e6 } });
    try {
      await wideStore.commit({ ...change(dimensions, wide), chunks: batches() });
      expect((await wideStore.info())?.chunks).toBe(3 * rows);
    } finally {
      await wideStore.close();
    }
    // The first slice is in the table before the last batch is taken (one write runs while the next slice is taken).
    expect(written[0]).toBe(0);
    expect(written[2]).toBeGreaterThanOrEqual(rows);
  });

  it('rejects a chunk whose text is not its slice of the document', async () => {
    const broken = doc('broken', ['One sentence here.', 'Another one there.']);
    broken.chunks[1]!.end -= 1;
    await expect(store.commit(change(DIM, [broken]))).rejects.toMatchObject({ code: 'bad_input' });
    expect(await store.info()).toBeNull();
  });

  it('rebuild ignores an unreadable state and replaces everything', async () => {
    await store.commit(change(DIM, [fines, blocking]));
    await store.close();
    await writeFile(join(dir, STATE_FILE), '{ not json');

    const corrupt = await errorOf(openLanceStore({ dir, readOnly: true }));
    expect(corrupt.code).toBe('index_corrupt');
    expect(corrupt.message).toContain(STATE_FILE);
    expect(corrupt.hint).toMatch(/--rebuild/);

    store = await openLanceStore({ dir, rebuild: true });
    expect(await store.info()).toBeNull();
    await store.commit(change(DIM, [children]));
    expect((await store.listDocuments()).map((d) => d.id)).toEqual([children.document.id]);
  });

  it('prunes old table versions but keeps the committed one', async () => {
    await store.close();
    store = await openLanceStore({ dir, retainVersionsMs: 0 });
    for (let round = 0; round < 6; round++) {
      await store.commit(change(DIM, [doc(`round-${round}`, [`Round ${round} says the regulator may fine firms.`])], round ? [`doc_round-${round - 1}`] : []));
    }
    const db = await connect(dir);
    const chunks = await db.openTable('chunks');
    const versions = (await chunks.listVersions()).map((v) => v.version);
    chunks.close();
    db.close();
    // Each commit writes several versions; only those since the previous commit survive.
    expect(versions.length).toBeLessThan(12);
    await store.close();
    store = await openLanceStore({ dir, readOnly: true });
    expect((await store.listDocuments()).map((d) => d.id)).toEqual(['doc_round-5']);
  });

  it('keeps only the committed versions after the first commit into a new folder (nothing else was ever read)', async () => {
    await store.commit(change(DIM, [fines, blocking, children]));
    await store.commit(change(DIM, [doc('later', ['A later notice about fines.'])]));
    const db = await connect(dir);
    const chunks = await db.openTable('chunks');
    const versions = (await chunks.listVersions()).map((v) => v.version);
    chunks.close();
    db.close();
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as { versions: { chunks: number } };
    // The first commit's versions before its committed one are gone; the second keeps everything since (retention).
    expect(versions[0]).toBeGreaterThan(1);
    expect(versions.at(-1)).toBe(state.versions.chunks);
  });

  it('names the table folder when a committed table is gone', async () => {
    await store.commit(change(DIM, [fines]));
    await store.close();
    await rm(join(dir, 'chunks.lance'), { recursive: true, force: true });
    const error = await errorOf(openLanceStore({ dir, readOnly: true }));
    expect(error.code).toBe('index_corrupt');
    expect(error.message).toContain(join(dir, 'chunks.lance'));
    store = await openLanceStore({ dir, rebuild: true });
  });

  it('names the problem when the folder is missing or unwritable', async () => {
    const missing = await errorOf(openLanceStore({ dir: join(dir, 'nope'), readOnly: true }));
    expect(missing.code).toBe('index_missing');
    expect(missing.hint).toMatch(/remit ingest/);

    // A folder that cannot be created (its parent is a file) fails the same way for root, who ignores chmod.
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const unwritable = await errorOf(openLanceStore({ dir: join(file, 'index') }));
    expect(unwritable.code).toBe('index_unwritable');
    expect(unwritable.message).toContain(file);
  });
});
