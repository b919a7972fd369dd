// A worker thread's task: encode one batch of passages with the hashing embedder, which is pure CPU work and
// stateless, so every thread builds its own. Loaded by threaded-encoder.ts through piscina.
import { HashingEmbedder, parseHashingId } from '../core/embed/hashing.js';
import { type EncodedPassages, inProcessEncoder, type PassageEncoder } from '../core/ingest.js';

export interface EncodeTask {
  embedderId: string;
  texts: string[];
}

const encoders = new Map<string, PassageEncoder>();

export default async function encodeBatch({ embedderId, texts }: EncodeTask): Promise<EncodedPassages> {
  let encoder = encoders.get(embedderId);
  if (!encoder) {
    const hashing = parseHashingId(embedderId);
    if (!hashing) throw new Error(`Worker threads encode with the hashing embedder only, not "${embedderId}"`);
    encoder = inProcessEncoder(new HashingEmbedder(hashing));
    encoders.set(embedderId, encoder);
  }
  return encoder.encode(texts);
}
