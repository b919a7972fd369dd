// Ingest's passage encoding spread over worker threads (piscina): the hashing embedder and MinHash are pure JavaScript
// and take most of an ingest's CPU, so on N cores N threads encode N batches at once. The transformers embedder is
// left in-process: ONNX Runtime already uses every core, and each thread would load the model again.
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import type { Embedder } from '../../core/embed/embedder.js';
import { parseHashingId } from '../../core/embed/hashing.js';
import { inProcessEncoder, type PassageEncoder } from '../../core/ingest/ingest.js';
import type { EncodeTask } from './encode-worker.js';
import { passagesIn } from './passages-buffer.js';
import { workerModule } from './worker-module.js';

/** Below this many passages starting threads (~0.1 s from the bundle, more through tsx) costs more than it saves. */
export const MIN_THREADED_PASSAGES = 4000;

export interface ThreadedEncoding {
  /** The encoder for an ingest of `passages` passages. */
  encoderFor(passages: number): PassageEncoder;
  /** Stops the threads (idle ones also stop by themselves after a few seconds). */
  close(): Promise<void>;
}

export interface ThreadedEncodingOptions {
  threads?: number;
  minPassages?: number;
  /** The worker module (tests point it elsewhere); by default encode-worker beside this module. */
  workerFile?: string;
  /** Told once when the threads fail and encoding carries on in-process. */
  warn?: (line: string) => void;
}

export function threadedEncoding(embedder: Embedder, options: ThreadedEncodingOptions = {}): ThreadedEncoding {
  const inProcess = inProcessEncoder(embedder);
  const threads = options.threads ?? availableParallelism();
  if (!parseHashingId(embedder.id) || threads < 2) return { encoderFor: () => inProcess, close: async () => {} };
  // Loaded on first use: a question never needs the threads, and the CLI starts faster without piscina.
  let piscina: Promise<typeof import('piscina')> | undefined;
  let pool: Piscina | undefined;
  let broken = false;
  const threaded: PassageEncoder = {
    concurrency: threads * 2,
    encode: async (texts, only) => {
      if (!broken) {
        try {
          const { Piscina } = await (piscina ??= import('piscina'));
          // Created and given its first task in one step, as piscina expects: a worker that fails to start then
          // rejects that task instead of emitting an error nobody listens to.
          pool ??= new Piscina({ ...workerModule('encode-worker', options.workerFile), maxThreads: threads, idleTimeout: 5_000 });
          const buffer: ArrayBuffer = await pool.run({ embedderId: embedder.id, texts: [...texts], only } satisfies EncodeTask);
          return passagesIn(buffer, { count: texts.length, dimensions: embedder.dimensions, only });
        } catch (error) {
          // Encoding is pure, so a batch the threads could not do (a worker that will not start, say, in an unusual
          // install) is done here instead; an error in the encoding itself comes back from the in-process run.
          if (!broken) options.warn?.(`Worker threads failed (${(error as Error).message.split('\n')[0]}); encoding on the main thread`);
          broken = true;
        }
      }
      return inProcess.encode(texts, only);
    },
  };
  return {
    encoderFor: (passages) => (passages >= (options.minPassages ?? MIN_THREADED_PASSAGES) ? threaded : inProcess),
    close: async () => {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
