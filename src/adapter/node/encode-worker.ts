// A worker thread's task: encode one batch of passages with the hashing embedder, which is pure CPU work and
// stateless, so every thread builds its own. Loaded by threaded-encoder.ts through piscina.
import { Piscina } from 'piscina';
import { SIGNATURE_SIZE } from '../../core/ingest/dedup.js';
import { HashingEmbedder, parseHashingId } from '../../core/embed/hashing.js';
import { type EncodedPassages, inProcessEncoder, type PassageEncoder } from '../../core/ingest/ingest.js';

export interface EncodeTask {
  embedderId: string;
  texts: string[];
}

const encoders = new Map<string, { encoder: PassageEncoder; dimensions: number }>();

/**
 * One buffer moved (not copied) back: every vector, then every signature. Cloning thousands of small typed arrays
 * one by one kept the main thread busier than the threads saved.
 */
export default async function encodeBatch({ embedderId, texts }: EncodeTask): Promise<ArrayBuffer> {
  let entry = encoders.get(embedderId);
  if (!entry) {
    const hashing = parseHashingId(embedderId);
    if (!hashing) throw new Error(`Worker threads encode with the hashing embedder only, not "${embedderId}"`);
    entry = { encoder: inProcessEncoder(new HashingEmbedder(hashing)), dimensions: hashing.dimensions };
    encoders.set(embedderId, entry);
  }
  const { vectors, signatures } = await entry.encoder.encode(texts);
  const buffer = new ArrayBuffer(texts.length * (entry.dimensions + SIGNATURE_SIZE) * 4);
  const packed = passagesIn(buffer, texts.length, entry.dimensions);
  vectors.forEach((vector, i) => packed.vectors[i]!.set(vector));
  signatures.forEach((signature, i) => packed.signatures[i]!.set(signature));
  return Piscina.move(buffer) as ArrayBuffer;
}

/** The buffer's layout, for both sides: `count` vectors of `dimensions` floats, then `count` signatures, as views. */
export function passagesIn(buffer: ArrayBuffer, count: number, dimensions: number): EncodedPassages {
  const vectorBytes = count * dimensions * 4;
  return {
    vectors: Array.from({ length: count }, (_, i) => new Float32Array(buffer, i * dimensions * 4, dimensions)),
    signatures: Array.from({ length: count }, (_, i) => new Uint32Array(buffer, vectorBytes + i * SIGNATURE_SIZE * 4, SIGNATURE_SIZE)),
  };
}
