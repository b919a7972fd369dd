// An Embedder turns text into fixed-size vectors. The index records `id`; querying with another is an error.

export type EmbedKind = 'query' | 'passage';

export interface Embedder {
  /** Names the model and every setting that changes its vectors, e.g. `hashing-v1-384`. */
  readonly id: string;
  readonly dimensions: number;
  /** Unit-length vectors, one per text, in order. `kind` lets asymmetric models prefix queries. */
  embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]>;
}
