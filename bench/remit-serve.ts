// A serving process's memory, in its own process: open an index as `remit serve` does, warm it, answer questions
// (extractive, no answer cache, so each is answered in full). Questions come from a file, so this process holds no
// corpus. Run: node --import tsx bench/remit-serve.ts --dir DIR --questions FILE.json
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { emitResult, peakRssMb, rssMb, timed, timeEach } from './lib/measure.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, questions: { type: 'string' } } });
const questions = JSON.parse(await readFile(values.questions!, 'utf8')) as string[];
// Node and the modules a server loads, before the index is opened.
await import('../src/adapter/node/serve.js');
const baseRssMb = rssMb();
const runtime = await openRuntime({ db: values.dir!, warn: () => {}, answerCache: 0 });
try {
  const warm = await timed(() => runtime.warm());
  const asked = await timeEach(questions, (question) => runtime.ask.ask({ question, mode: 'extractive' }));
  emitResult({ baseRssMb, warmMs: Math.round(warm.ms), ask: asked.latency, peakRssMb: peakRssMb() });
} finally {
  await runtime.close();
}
