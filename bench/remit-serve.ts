// A serving process's memory, in its own process: open an index as `remit serve` does, warm it, answer questions
// (extractive, no answer cache, so each is answered in full). Questions come from a file, so this process holds no
// corpus. As `remit serve` runs by default, the work is on a thread with the heap limit derived from the caches
// (serve-heap.ts); --in-process runs it on the main thread without one. REMIT_READING_CACHE and REMIT_HEAP_LIMIT
// apply as they do to `remit serve`. --young-mb sets the thread's young generation too (V8 otherwise sizes it from
// the old generation limit), to see how scavenges and promotion under the limit weigh on latency and RSS. Peak RSS
// is the whole process's, threads included.
// Run: node --import tsx bench/remit-serve.ts --dir DIR --questions FILE.json [--in-process | --young-mb N]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, resourceLimits, Worker, workerData } from 'node:worker_threads';
import { loadConfig } from '../src/adapter/node/config.js';
import { serveHeapLimitMb } from '../src/adapter/node/serve-heap.js';
import { emitResult, peakRssMb, rssMb, timed, timeEach } from './lib/measure.js';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, questions: { type: 'string' }, 'in-process': { type: 'boolean', default: false }, 'young-mb': { type: 'string' } },
});
const youngMb = values['young-mb'] === undefined ? undefined : Number(values['young-mb']);
if (youngMb !== undefined && !(youngMb > 0)) throw new Error(`--young-mb takes a size in MB, not ${values['young-mb']}`);
// The limit is the one `remit serve` derives (its answer cache included); the runtime here keeps no answers.
const config = loadConfig(process.env);

async function measure(dir: string, questionsFile: string) {
  const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as string[];
  // Node and the modules a server loads, before the index is opened.
  await import('../src/adapter/node/serve.js');
  await import('../src/adapter/node/runtime.js');
  const baseRssMb = rssMb();
  // Imported here, not above: the main thread of a threaded run holds what `remit serve`'s does, not the runtime.
  const { openRuntime } = await import('../src/adapter/node/runtime.js');
  const runtime = await openRuntime({ db: dir, warn: () => {}, answerCache: 0, readingCache: config.readingCacheBytes });
  try {
    const warm = await timed(() => runtime.warm());
    const asked = await timeEach(questions, (question) => runtime.ask.ask({ question, mode: 'extractive' }));
    return { baseRssMb, warmMs: Math.round(warm.ms), ask: asked.latency };
  } finally {
    await runtime.close();
  }
}

if (!isMainThread) {
  // The limits V8 applied, young generation included when it sized it itself.
  const { maxOldGenerationSizeMb, maxYoungGenerationSizeMb } = resourceLimits;
  parentPort!.postMessage({ ...(await measure(workerData.dir, workerData.questions)), threadLimitsMb: { old: maxOldGenerationSizeMb, young: maxYoungGenerationSizeMb } });
} else {
  const heapLimitMb = values['in-process'] ? undefined : serveHeapLimitMb(config, process.env, process.execArgv);
  // Only the thread has resource limits: without one (--in-process, REMIT_HEAP_LIMIT=off) the flag would measure nothing.
  if (youngMb !== undefined && heapLimitMb === undefined) throw new Error('--young-mb applies to the thread, which this run does not use');
  const readingCacheMb = Math.round(config.readingCacheBytes / 1024 / 1024);
  if (heapLimitMb === undefined) {
    emitResult({ ...(await measure(values.dir!, values.questions!)), readingCacheMb, heapLimitMb: null, peakRssMb: peakRssMb() });
  } else {
    // The thread loads this file through tsx's bootstrap, as `remit serve` from source does (tsx-thread.mjs).
    const worker = new Worker(new URL('../src/adapter/node/tsx-thread.mjs', import.meta.url), {
      workerData: { module: import.meta.url, dir: values.dir, questions: values.questions },
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb, ...(youngMb === undefined ? {} : { maxYoungGenerationSizeMb: youngMb }) },
    });
    const result = await new Promise<object>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await new Promise((resolve) => worker.once('exit', resolve));
    emitResult({ ...result, readingCacheMb, heapLimitMb, youngMb: youngMb ?? null, peakRssMb: peakRssMb() });
  }
}
