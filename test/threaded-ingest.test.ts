// A large ingest through the real `remit` command spreads encoding over worker threads, which the CLI bundle must
// be able to start (encode-worker.js beside it); the index it builds answers exactly as one encoded in-process.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, syntheticCorpus } from '../bench/corpus.js';
import type { Answer } from '../src/core/schema.js';
import { searchChunks } from '../src/core/store/index-store.js';
import { ingestPaths, openRuntime } from '../src/adapter/node/runtime.js';
import { MIN_THREADED_PASSAGES } from '../src/adapter/node/threaded-encoder.js';
import { runRemit } from './reliability/support/remit-child.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-threaded-'));
  const corpus = await syntheticCorpus({ chunks: MIN_THREADED_PASSAGES + 500, seed: DEFAULT_SEED, queries: 3 });
  await mkdir(join(dir, 'docs'));
  await Promise.all(corpus.documents.map((d, i) => writeFile(join(dir, 'docs', `${String(i).padStart(5, '0')}.txt`), d.text)));
  await writeFile(join(dir, 'questions.json'), JSON.stringify(corpus.queries));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a large ingest', () => {
  it('encodes in worker threads from the CLI bundle and builds the same index as in-process encoding', { timeout: 180_000 }, async () => {
    const cli = await runRemit(['ingest', join(dir, 'docs'), '--db', join(dir, 'threaded'), '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.stdout);
    expect(report.index.chunks).toBeGreaterThanOrEqual(MIN_THREADED_PASSAGES);

    const inProcess = await openRuntime({ db: join(dir, 'in-process'), embedder: 'hashing', warn: () => {}, answerCache: 0 });
    const threaded = await openRuntime({ db: join(dir, 'threaded'), warn: () => {}, answerCache: 0 });
    try {
      await ingestPaths({ ...inProcess, passageEncoder: undefined }, [join(dir, 'docs')]);
      // Both answer through their vector index (the command waits for its build before it ends).
      await inProcess.store.indexed?.();
      const [question] = (await import(join(dir, 'questions.json'), { with: { type: 'json' } })).default as string[];
      const [a, b] = await Promise.all([inProcess, threaded].map((r) => r.ask.ask({ question: question!, mode: 'extractive' })));
      const comparable = ({ id: _id, timings: _t, ...rest }: Answer) => rest;
      expect(comparable(b!)).toEqual(comparable(a!));
      expect(a!.citations.length).toBeGreaterThan(0);
      const vector = (await inProcess.embedder.embed([question!], 'query'))[0]!;
      const ids = async (r: typeof inProcess) => (await searchChunks(r.store, { vector }, 20)).map((s) => [s.chunk.id, s.score.toFixed(6)]);
      expect(await ids(threaded)).toEqual(await ids(inProcess));
    } finally {
      await inProcess.close();
      await threaded.close();
    }
  });
});
