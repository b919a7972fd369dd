// POST /api/ingest on Node: each upload is ingested on a worker thread (ingest-worker.ts), one at a time, so parsing the
// body, loading, chunking, encoding and committing a large document never hold up the server's other requests. The server's own
// runtime then moves to the new commit, as it does for a `remit ingest` in a terminal.
import { Piscina } from 'piscina';
import { createError } from '../../core/errors.js';
import type { IngestReport } from '../../core/ingest/ingest.js';
import type { IngestBody, IngestFn } from '../../http/deps.js';
import type { UploadResult, UploadTask, WorkerRuntimeOptions } from './ingest-worker.js';
import { workerModule } from './worker-module.js';

export interface UploadIngestOptions {
  runtime: WorkerRuntimeOptions;
  maxBytes: number;
  /** Called after an upload changed the index: the server moves its readers and warms them. */
  afterCommit: () => Promise<void>;
  /** The worker module (tests point it elsewhere); by default ingest-worker beside this module. */
  workerFile?: string;
}

export interface UploadIngest {
  ingest: IngestFn;
  /** Commits nothing on the upload thread: builds the powers table of an index that predates it (one writer per process). */
  commitNothing(): Promise<IngestReport>;
  /** Stops the thread (an idle one also stops by itself after a minute). */
  close(): Promise<void>;
}

export function uploadIngest(options: UploadIngestOptions): UploadIngest {
  let pool: Piscina | undefined;
  // The thread takes one upload at a time, in order; its runtime stays open while uploads keep coming.
  const threads = () => (pool ??= new Piscina({ ...workerModule('ingest-worker', options.workerFile), minThreads: 0, maxThreads: 1, idleTimeout: 60_000 }));
  const run = async (body?: IngestBody) => {
    const task: UploadTask = { runtime: options.runtime, body, maxBytes: options.maxBytes };
    // The body's bytes move to the thread rather than being copied (the route made them for this call alone).
    const whole = body && body.bytes.buffer instanceof ArrayBuffer && body.bytes.byteLength === body.bytes.buffer.byteLength;
    const transfer = whole ? [body.bytes.buffer as ArrayBuffer] : undefined;
    const result: UploadResult = await threads().run(task, { transferList: transfer });
    if ('error' in result) throw createError(result.error);
    return result.report;
  };
  return {
    ingest: async (body) => {
      const report = await run(body);
      if (report.added.length + report.replaced.length + report.moved.length + report.removed.length > 0) await options.afterCommit();
      return report;
    },
    commitNothing: async () => {
      const report = await run();
      await options.afterCommit();
      return report;
    },
    close: async () => {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
