// Picks the query embedder from the id the index recorded: the pure-TS hashing embedder, or its Workers AI twin.
import type { Embedder } from '../../core/embed/embedder.js';
import { HashingEmbedder, parseHashingId } from '../../core/embed/hashing.js';
import { createError } from '../../core/errors.js';
import { profileFor } from '../../core/embed/model-profiles.js';
import { WORKERS_AI_MODELS, WorkersAiEmbedder, type WorkersAiRunner } from './workers-ai-embedder.js';

/** `transformers:<model>:<pooling>:<dtype>`, as src/adapter/node/transformers/transformers.ts writes it. */
const TRANSFORMERS_ID = /^transformers:([^:]+):(cls|mean):([a-z0-9]+)$/;

export function embedderForIndex(id: string, ai: WorkersAiRunner | undefined): Embedder {
  const hashing = parseHashingId(id);
  if (hashing) return new HashingEmbedder(hashing);
  const match = TRANSFORMERS_ID.exec(id);
  const twin = match ? WORKERS_AI_MODELS[match[1]!] : undefined;
  if (!match || !twin) {
    throw createError({
      code: 'embedder_mismatch',
      message: `The index was built with embedder "${id}", which has no Workers counterpart`,
      hint: `Build the index with the hashing embedder or one of ${Object.keys(WORKERS_AI_MODELS).join(', ')}.`,
    });
  }
  if (!ai) {
    throw createError({
      code: 'model_unavailable',
      message: `The index was built with ${match[1]}, which needs the Workers AI binding`,
      hint: 'Add `[ai] binding = "AI"` to wrangler.toml.',
    });
  }
  // dtype (fp32, q8) is a Node detail; Workers AI runs the same model, so the recorded id is carried over as is.
  const pooling = match[2] as 'cls' | 'mean';
  return new WorkersAiEmbedder({ ai, id, model: twin.model, dimensions: twin.dimensions, pooling, queryPrefix: profileFor(match[1]!).queryPrefix });
}
