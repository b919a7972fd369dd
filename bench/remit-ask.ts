// Offline ask latency alone, against an index kept by `remit-size.ts --keep`: open it as a server does, warm it, then
// time each kept question as remit-size.ts does (each round after the first meets the answerer's caches warm).
// For iterating on the answerer without re-ingesting.
// Run: node --import tsx bench/remit-ask.ts --dir /tmp/remit-bench-XXXX [--rounds 1]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { emitResult, percentile, round, timeEach } from './lib/measure.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, rounds: { type: 'string', default: '1' } } });
const questions = JSON.parse(await readFile(join(values.dir!, 'questions.json'), 'utf8')) as string[];
const runtime = await openRuntime({ db: join(values.dir!, 'index'), warn: () => {}, answerCache: 0 });
try {
  await runtime.warm();
  const ask = (question: string) => runtime.ask.ask({ question, mode: 'extractive' });
  const rounds = Number(values.rounds);
  const latencies = [];
  for (let i = 0; i < rounds; i++) {
    const { latency, results } = await timeEach(questions, ask);
    // Where each answer's time went, by its own timings: retrieval, then the answerer (its reads of documents included).
    const p50 = (pick: (t: (typeof results)[number]['timings']) => number) => round(percentile(results.map((r) => pick(r.timings)), 50));
    latencies.push({ ...latency, retrieveP50Ms: p50((t) => t.retrieveMs), answerP50Ms: p50((t) => t.answerMs) });
  }
  emitResult({ questions: questions.length, ask: latencies });
} finally {
  await runtime.close();
}
