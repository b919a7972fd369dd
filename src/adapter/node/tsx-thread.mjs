// A plain worker thread's entry when Remit runs from its TypeScript sources (tsx-worker.mjs is piscina's): registers
// tsx in the thread, then loads the module named in workerData.module.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
