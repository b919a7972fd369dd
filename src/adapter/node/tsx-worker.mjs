// A worker thread's entry when Remit runs from its TypeScript sources: registers tsx in the thread, then loads the
// worker module piscina was given (workerData.module). `--import tsx` in a thread's execArgv loads static imports but
// not dynamic ones (tsx 4.23), and the runtime imports some parts lazily (the Claude client, prompts).
import { register } from 'tsx/esm/api';
import { workerData } from 'piscina';

register();
const { default: run } = await import(workerData.module);
export default run;
