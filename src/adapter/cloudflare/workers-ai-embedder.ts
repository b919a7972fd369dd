// Query embeddings from Workers AI's BGE models: the same weights Node runs in transformers.js, so one index serves both.
import type { EmbedKind, Embedder } from '../../core/embed/embedder.js';
import { createError } from '../../core/errors.js';

/** Transformers.js model ids whose Workers AI twin exists, with their vector size. */
export const WORKERS_AI_MODELS: Record<string, { model: string; dimensions: number }> = {
  'Xenova/bge-small-en-v1.5': { model: '@cf/baai/bge-small-en-v1.5', dimensions: 384 },
  'Xenova/bge-base-en-v1.5': { model: '@cf/baai/bge-base-en-v1.5', dimensions: 768 },
  'Xenova/bge-large-en-v1.5': { model: '@cf/baai/bge-large-en-v1.5', dimensions: 1024 },
};

/** The part of the Workers AI binding this uses; `run` is typed loosely because the binding's overloads vary by model. */
export interface WorkersAiRunner {
  run(model: string, inputs: { text: string[]; pooling: 'cls' | 'mean' }): Promise<unknown>;
}

export interface WorkersAiEmbedderOptions {
  ai: WorkersAiRunner;
  /** The id recorded in the index, e.g. `transformers:Xenova/bge-small-en-v1.5:cls:fp32`; queries must carry the same. */
  id: string;
  model: string;
  dimensions: number;
  pooling: 'cls' | 'mean';
  /** Prepended to queries only (BGE's instruction), exactly as on Node. */
  queryPrefix: string;
}

export class WorkersAiEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  constructor(private readonly options: WorkersAiEmbedderOptions) {
    this.id = options.id;
    this.dimensions = options.dimensions;
  }

  async embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { ai, model, pooling, queryPrefix } = this.options;
    const text = texts.map((t) => (kind === 'query' ? queryPrefix + t : t));
    let output: unknown;
    try {
      output = await ai.run(model, { text, pooling });
    } catch (cause) {
      throw createError({ code: 'model_unavailable', message: `Workers AI could not embed with ${model}`, hint: 'Check the AI binding in wrangler.toml.', cause });
    }
    const data = (output as { data?: unknown })?.data;
    if (!Array.isArray(data) || data.length !== texts.length || !data.every((row) => Array.isArray(row) && row.length === this.dimensions)) {
      throw createError({ code: 'upstream', message: `Workers AI returned no ${this.dimensions}-dimension embedding for each of ${texts.length} texts` });
    }
    return data.map((row: number[]) => normalize(Float32Array.from(row)));
  }
}

/** Unit length, as transformers.js returns with `normalize: true`; cosine and dot product then agree. */
function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
