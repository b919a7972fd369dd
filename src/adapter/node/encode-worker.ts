// A worker thread's task: encode one batch of passages with the hashing embedder, which is pure CPU work and
// stateless, so every thread builds its own. Loaded by threaded-encoder.ts through piscina.
import { Piscina } from 'piscina';
import { HashingEmbedder, parseHashingId } from '../../core/embed/hashing.js';
import { type EncodedPart, inProcessEncoder, type PassageEncoder } from '../../core/ingest/ingest.js';
import { passagesBytes, passagesIn } from './passages-buffer.js';

export interface EncodeTask {
  embedderId: string;
  texts: string[];
  /** Only this half of the encoding (an ingest signs every passage first, then embeds them). */
  only?: EncodedPart;
}

const encoders = new Map<string, { encoder: PassageEncoder; dimensions: number }>();

/**
 * One buffer moved (not copied) back: every vector, then every signature. Cloning thousands of small typed arrays
 * one by one kept the main thread busier than the threads saved.
 */
export default async function encodeBatch({ embedderId, texts, only }: EncodeTask): Promise<ArrayBuffer> {
  let entry = encoders.get(embedderId);
  if (!entry) {
    const hashing = parseHashingId(embedderId);
    if (!hashing) throw new Error(`Worker threads encode with the hashing embedder only, not "${embedderId}"`);
    entry = { encoder: inProcessEncoder(new HashingEmbedder(hashing)), dimensions: hashing.dimensions };
    encoders.set(embedderId, entry);
  }
  const { vectors, signatures } = await entry.encoder.encode(texts, only);
  const layout = { count: texts.length, dimensions: entry.dimensions, only };
  const buffer = new ArrayBuffer(passagesBytes(layout));
  const packed = passagesIn(buffer, layout);
  vectors.forEach((vector, i) => packed.vectors[i]!.set(vector));
  signatures.forEach((signature, i) => packed.signatures[i]!.set(signature));
  return Piscina.move(buffer) as ArrayBuffer;
}
