// `remit serve` (and `remit start`) on a worker thread with a V8 heap limit (serve-heap.ts), so a serving process's
// memory follows its caches (issue 24). A thread, not a child process: the process stays one process, so a SIGKILL
// (the kill campaign's, an orchestrator's) ends the server with it, its pid is the one recorded for `remit ask`, and
// stdio needs no relaying. This thread only passes on SIGTERM/SIGINT and returns the thread's exit code. A thread
// that reaches its limit is restarted with a larger one, so the limit costs a restart, never the service.
import { Worker } from 'node:worker_threads';
import { RemitError } from '../../core/errors.js';
import { defaultHeapLimitMb } from './serve-heap.js';
import { type ServeThreadData, type ServeThreadMessage, ServeThreadReply } from './serve-thread-protocol.js';

export interface ServeThreadOptions {
  /** The command line the thread runs, e.g. ['serve', '--port', '0']. */
  argv: readonly string[];
  /** The thread's environment (process.env by default). */
  env?: Record<string, string | undefined>;
  /** The thread's old generation limit, in MB. */
  heapLimitMb: number;
  /** A line for stderr (restarts). */
  err: (line: string) => void;
  /** The thread's module (tests); serve-worker beside this module by default. */
  workerFile?: string | URL;
}

/** Each restart after running out of memory multiplies the limit by this, up to V8's own limit. */
const GROWTH = 1.5;

export class ServeThreadError extends RemitError {
  constructor(message: string, hint: string) {
    super({ code: 'internal', message, hint });
    this.name = 'ServeThreadError';
  }
}

/** Runs the server on a thread until it exits; resolves with its exit code. */
export async function serveOnThread(options: ServeThreadOptions): Promise<number> {
  const ceiling = defaultHeapLimitMb();
  let limit = options.heapLimitMb;
  let stopping: NodeJS.Signals | undefined;
  let current: Worker | undefined;
  /** What a signal does to a process with no handler for it: end it now, by that signal. */
  const endBy = (signal: NodeJS.Signals) => {
    removeHandlers();
    process.kill(process.pid, signal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while draining ends the process at once, as it did before the thread.
    if (stopping) return endBy(signal);
    stopping = signal;
    current?.postMessage({ signal: signal as ServeThreadMessage['signal'] } satisfies ServeThreadMessage);
  };
  const removeHandlers = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    for (;;) {
      const exit = await runThread(options, limit, (worker) => {
        current = worker;
        worker.on('message', (message: unknown) => endBy(ServeThreadReply.parse(message).unhandled));
        // A signal that came while the thread was being (re)started still stops it.
        if (stopping) worker.postMessage({ signal: stopping as ServeThreadMessage['signal'] } satisfies ServeThreadMessage);
      });
      if (exit.outOfMemory === false) return exit.code;
      if (stopping) return 1;
      if (limit >= ceiling) {
        throw new ServeThreadError(
          `The server ran out of memory at V8's own heap limit (${limit} MB)`,
          'Lower REMIT_READING_CACHE or REMIT_ANSWER_CACHE, or give Node more memory with NODE_OPTIONS=--max-old-space-size=<MB>.',
        );
      }
      const next = Math.min(ceiling, Math.ceil(limit * GROWTH));
      options.err(`remit: the server ran out of memory at its ${limit} MB heap limit; restarting it with ${next} MB (set REMIT_HEAP_LIMIT to choose)\n`);
      limit = next;
    }
  } finally {
    removeHandlers();
  }
}

type ThreadExit = { outOfMemory: false; code: number } | { outOfMemory: true };

function runThread(options: ServeThreadOptions, heapLimitMb: number, started: (worker: Worker) => void): Promise<ThreadExit> {
  const { filename, module } = threadModule(options.workerFile);
  const data: ServeThreadData = { argv: [...options.argv], module };
  const worker = new Worker(filename, {
    workerData: data,
    env: options.env ?? process.env,
    // Flags such as --import (a test's loader hook) apply in the thread as in this one.
    execArgv: process.execArgv,
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
  });
  started(worker);
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    let outOfMemory = false;
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
      else failure = error;
    });
    worker.on('exit', (code) => {
      if (outOfMemory) resolve({ outOfMemory: true });
      // An exception nothing caught in the thread: it would have ended the process before the thread.
      else if (failure) reject(failure);
      else resolve({ outOfMemory: false, code });
    });
  });
}

/** The bundle's serve-worker.js beside this module, or from source its TypeScript behind a bootstrap that registers tsx. */
function threadModule(file: string | URL | undefined): { filename: string | URL; module?: string } {
  if (file) return { filename: file };
  if (!import.meta.url.endsWith('.ts')) return { filename: new URL('./serve-worker.js', import.meta.url) };
  return { filename: new URL('./tsx-thread.mjs', import.meta.url), module: new URL('./serve-worker.ts', import.meta.url).href };
}
