// A worker thread's task: encode one batch of passages with the hashing embedder, which is pure CPU work and
// stateless, so every thread builds its own. Loaded by threaded-encoder.ts through piscina.
import { Piscina } from 'piscina';
import { SIGNATURE_SIZE } from '../../core/ingest/dedup.js';
import { HashingEmbedder, parseHashingId } from '../../core/embed/hashing.js';
import { type EncodedPart, type EncodedPassages, inProcessEncoder, type PassageEncoder } from '../../core/ingest/ingest.js';

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

/** What a buffer holds: `count` passages' vectors of `dimensions` floats, then their signatures, or only one half. */
export interface PassagesLayout {
  count: number;
  dimensions: number;
  only?: EncodedPart;
}

const vectorBytes = ({ count, dimensions, only }: PassagesLayout) => (only === 'signatures' ? 0 : count * dimensions * 4);
const signatureBytes = ({ count, only }: PassagesLayout) => (only === 'vectors' ? 0 : count * SIGNATURE_SIZE * 4);

export const passagesBytes = (layout: PassagesLayout): number => vectorBytes(layout) + signatureBytes(layout);

/** The buffer's layout, for both sides, as views. */
export function passagesIn(buffer: ArrayBuffer, layout: PassagesLayout): EncodedPassages {
  const { count, dimensions } = layout;
  const signaturesAt = vectorBytes(layout);
  return {
    vectors: signaturesAt === 0 ? [] : Array.from({ length: count }, (_, i) => new Float32Array(buffer, i * dimensions * 4, dimensions)),
    signatures: signatureBytes(layout) === 0 ? [] : Array.from({ length: count }, (_, i) => new Uint32Array(buffer, signaturesAt + i * SIGNATURE_SIZE * 4, SIGNATURE_SIZE)),
  };
}
