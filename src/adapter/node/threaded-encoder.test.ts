import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../core/embed/hashing.js';
import { inProcessEncoder } from '../../core/ingest/ingest.js';
import { threadedEncoding } from './threaded-encoder.js';

const texts = Array.from({ length: 300 }, (_, i) => `Passage ${i}: Ofcom may fine a provider up to £${i} million or ${i % 10}% of turnover.`);

describe('threadedEncoding', () => {
  it('encodes in worker threads exactly what the in-process encoder does', async () => {
    const embedder = new HashingEmbedder();
    const encoding = threadedEncoding(embedder, { threads: 2, minPassages: 10 });
    try {
      const threaded = encoding.encoderFor(texts.length);
      expect(threaded.concurrency).toBeGreaterThan(1);
      const batches = await Promise.all([texts.slice(0, 150), texts.slice(150)].map((batch) => threaded.encode(batch)));
      const expected = await inProcessEncoder(embedder).encode(texts);
      expect(batches.flatMap((b) => b.vectors)).toEqual(expected.vectors);
      expect(batches.flatMap((b) => b.signatures)).toEqual(expected.signatures);
    } finally {
      await encoding.close();
    }
  });

  it('carries on in-process, with one warning, when the threads cannot start', async () => {
    const embedder = new HashingEmbedder();
    const warnings: string[] = [];
    const encoding = threadedEncoding(embedder, { threads: 2, minPassages: 10, workerFile: new URL('../../node/no-such-worker.js', import.meta.url).href, warn: (line) => warnings.push(line) });
    try {
      const threaded = encoding.encoderFor(texts.length);
      const batches = await Promise.all([texts.slice(0, 150), texts.slice(150)].map((batch) => threaded.encode(batch)));
      expect(batches.flatMap((b) => b.vectors)).toEqual((await inProcessEncoder(embedder).encode(texts)).vectors);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/encoding on the main thread/);
    } finally {
      await encoding.close();
    }
  });

  it('stays in-process for small ingests, one thread, or an embedder threads cannot rebuild', async () => {
    const hashing = new HashingEmbedder();
    expect(threadedEncoding(hashing, { threads: 2, minPassages: 10 }).encoderFor(9).concurrency).toBe(1);
    expect(threadedEncoding(hashing, { threads: 1, minPassages: 10 }).encoderFor(1000).concurrency).toBe(1);
    const model = { id: 'transformers:Xenova/bge-small-en-v1.5', dimensions: 384, embed: hashing.embed.bind(hashing) };
    expect(threadedEncoding(model, { threads: 2, minPassages: 10 }).encoderFor(1000).concurrency).toBe(1);
  });
});
