// The buffer a worker thread moves back to the ingest: passages' vectors, then their signatures (or only one half).
// Shared by both sides; kept apart from the worker module so the main thread does not load piscina to read it.
import { SIGNATURE_SIZE } from '../../core/ingest/dedup.js';
import type { EncodedPart, EncodedPassages } from '../../core/ingest/ingest.js';

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
