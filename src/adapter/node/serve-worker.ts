// The serving thread's entry (serve-thread.ts starts it with a heap limit): runs the `remit serve` or `remit start`
// command line it was given, as bin/remit.js would in a process, so output, errors and the exit code are the same.
import { parentPort, workerData } from 'node:worker_threads';
import { ServeThreadData, ServeThreadMessage, type ServeThreadReply } from './serve-thread-protocol.js';

const data = ServeThreadData.parse(workerData);
// A signal the main thread passes on reaches the handlers serve() installed, as a real one would in a process.
parentPort!.on('message', (message: unknown) => {
  const { signal } = ServeThreadMessage.parse(message);
  if (process.listenerCount(signal) > 0) process.emit(signal, signal);
  else parentPort!.postMessage({ unhandled: signal } satisfies ServeThreadReply);
});
// The port alone must not keep the thread alive once the server has closed.
parentPort!.unref();
const { main } = await import('../../cli/main.js');
process.exitCode = await main(data.argv);
