import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from './support/seeded-random.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { passagesInContext } from '../src/core/ingest/passage-context.js';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { inProcessEncoder, ingestDocuments, type PassageEncoder } from '../src/core/ingest/ingest.js';
import type { Document } from '../src/core/schema.js';
import { searchChunks } from '../src/core/store/index-store.js';
import { overridingStore } from './support/overriding-store.js';

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

const topics = ['fines', 'licences', 'appeals', 'audits', 'complaints', 'consultations', 'guidance', 'penalties'];
const documents: Document[] = Array.from({ length: 24 }, (_, d) => {
  const sentences = Array.from({ length: 3 + (d % 5) * 4 }, (_, s) => `Document ${d} sentence ${s} is about ${topics[(d + s) % topics.length]} number ${d * 100 + s} of the regulator.`);
  const text = sentences.join(' ');
  return { id: `doc${d}`, title: `Doc ${d}`, origin: `/docs/${d}.md`, hash: `h${d}`, sources: [], text };
});

describe('ingestDocuments', () => {
  it('keeps every passage with its own vector when batches finish out of order, and reports documents done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remit-ingest-'));
    dirs.push(dir);
    const store = await openLanceStore({ dir });
    const embedder = new HashingEmbedder();
    const inProcess = inProcessEncoder(embedder);
    const random = seededRandom(3);
    // Later batches often finish first: a mix-up of batches would pair passages with other passages' vectors.
    const shuffling: PassageEncoder = {
      concurrency: 4,
      encode: async (texts) => {
        await new Promise((resolve) => setTimeout(resolve, random() * 30));
        return inProcess.encode(texts);
      },
    };
    const progress: { done: number; total: number }[] = [];
    try {
      const report = await ingestDocuments(documents, { store, embedder, passageEncoder: () => shuffling }, { batchSize: 5, onProgress: ({ done, total }) => progress.push({ done, total }) });
      const passages = documents.flatMap((d) => chunkDocument(d));
      expect(report.chunks).toBe(passages.length);
      expect(progress.length).toBeGreaterThan(4);
      expect(progress.every(({ total }) => total === documents.length)).toBe(true);
      expect(progress.map(({ done }) => done)).toEqual([...progress.map(({ done }) => done)].sort((a, b) => a - b));
      expect(progress.at(-1)!.done).toBe(documents.length);
      // Each passage is embedded as read under its title and headings.
      const embedded = documents.flatMap((d) => passagesInContext(d, chunkDocument(d)));
      for (const [i, passage] of passages.entries()) {
        const [vector] = await embedder.embed([embedded[i]!], 'passage');
        const [top] = await searchChunks(store, { vector: vector! }, 1);
        expect(top!.chunk.id).toBe(passage.id);
        expect(top!.score).toBeCloseTo(1, 5);
      }
    } finally {
      await store.close();
    }
  });

  it('embeds the passages as the store takes them, never all of them ahead of the commit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remit-ingest-'));
    dirs.push(dir);
    const lance = await openLanceStore({ dir });
    const embedder = new HashingEmbedder();
    const inProcess = inProcessEncoder(embedder);
    let embedded = 0;
    const counting: PassageEncoder = {
      concurrency: 2,
      encode: async (texts, only) => {
        if (only !== 'signatures') embedded++;
        return inProcess.encode(texts, only);
      },
    };
    // Batches the encoder had embedded when the store took each batch of chunks.
    const embeddedWhenTaken: number[] = [];
    const store = overridingStore(lance, {
      commit: async (change) => {
        const taken = [];
        for await (const batch of change.chunks) {
          embeddedWhenTaken.push(embedded);
          taken.push(batch);
        }
        return lance.commit({ ...change, chunks: taken });
      },
    });
    try {
      const report = await ingestDocuments(documents, { store, embedder, passageEncoder: () => counting }, { batchSize: 5 });
      expect(report.chunks).toBe(documents.flatMap((d) => chunkDocument(d)).length);
      expect(embeddedWhenTaken.length).toBeGreaterThan(4);
      // The encoder works at most its concurrency ahead of the batch the store takes.
      embeddedWhenTaken.forEach((count, i) => expect(count).toBeLessThanOrEqual(i + 1 + counting.concurrency));
    } finally {
      await lance.close();
    }
  });

  it('stops chunking and encoding once a batch fails, and commits nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remit-ingest-'));
    dirs.push(dir);
    const store = await openLanceStore({ dir });
    const embedder = new HashingEmbedder();
    let calls = 0;
    const failing: PassageEncoder = {
      concurrency: 2,
      encode: async (texts) => {
        const call = ++calls;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (call === 3) throw new Error('encoder broke');
        return inProcessEncoder(embedder).encode(texts);
      },
    };
    try {
      await expect(ingestDocuments(documents, { store, embedder, passageEncoder: () => failing }, { batchSize: 1 })).rejects.toThrow('encoder broke');
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The third call fails; only the call already running in the other lane may still have started.
      expect(calls).toBeLessThanOrEqual(4);
      expect(await store.info()).toBeNull();
    } finally {
      await store.close();
    }
  });
});
