// Picks the embedder from config: a transformers model when one can load, else the offline hashing embedder.
import { z } from 'zod';
import type { Embedder } from '../../../core/embed/embedder.js';
import { HashingEmbedder, parseHashingId } from '../../../core/embed/hashing.js';
import { createError, isRemitError } from '../../../core/errors.js';
import type { TransformersOptions } from './transformers.js';

export const EmbedderKind = z.enum(['auto', 'hashing', 'transformers']);
export type EmbedderKind = z.infer<typeof EmbedderKind>;

export const EmbedderSettings = z.object({
  kind: EmbedderKind.default('auto'),
  /** Hugging Face model id; defaults to Xenova/bge-small-en-v1.5. */
  model: z.string().trim().min(1).optional(),
  modelDir: z.string().min(1).optional(),
  allowRemote: z.boolean().default(false),
  cacheDir: z.string().min(1).optional(),
  /** Hashing embedder size. */
  dimensions: z.number().int().positive().optional(),
  batchSize: z.number().int().positive().optional(),
});
export type EmbedderSettings = z.input<typeof EmbedderSettings>;

export interface EmbedderOptions extends EmbedderSettings {
  /** Told, in one line, when `auto` falls back to the hashing embedder. */
  warn?: (line: string) => void;
}

/** Where to find transformers models when reopening an index by its embedder id. */
export type ModelLocation = Pick<EmbedderSettings, 'modelDir' | 'allowRemote' | 'cacheDir' | 'batchSize'>;

export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { warn, ...rest } = options;
  const parsed = EmbedderSettings.safeParse(rest);
  if (!parsed.success) {
    throw createError({ code: 'bad_input', message: 'Invalid embedder options', details: parsed.error.issues });
  }
  const settings = parsed.data;
  if (settings.kind === 'hashing') return new HashingEmbedder({ dimensions: settings.dimensions });
  try {
    return await loadTransformers(settings);
  } catch (error) {
    if (settings.kind === 'transformers' || !isRemitError(error) || error.code !== 'model_unavailable') throw error;
    const fallback = new HashingEmbedder({ dimensions: settings.dimensions });
    warn?.(`Embedder: fell back to the offline hashing embedder (${fallback.id}) because the model did not load. ${error.toLine()}`);
    return fallback;
  }
}

/** The embedder an index was built with, from the id it recorded; a clear error when this build cannot produce it. */
export async function embedderFromId(id: string, location: ModelLocation = {}): Promise<Embedder> {
  const hashing = parseHashingId(id);
  if (hashing) return new HashingEmbedder(hashing);
  const { parseTransformersId, TransformersEmbedder } = await import('./transformers.js');
  const transformers = parseTransformersId(id);
  if (transformers) return TransformersEmbedder.load({ ...location, ...transformers });
  throw createError({
    code: 'embedder_mismatch',
    message: `The index was built with embedder "${id}", which this version of Remit cannot recreate`,
    hint: 'Rebuild the index with the current embedder (`remit ingest --rebuild <paths>`).',
  });
}

async function loadTransformers(settings: z.output<typeof EmbedderSettings>): Promise<Embedder> {
  // Imported on demand: the hashing path never pays for loading transformers.js and onnxruntime.
  const { TransformersEmbedder } = await import('./transformers.js');
  const options: TransformersOptions = {
    model: settings.model,
    modelDir: settings.modelDir,
    allowRemote: settings.allowRemote,
    cacheDir: settings.cacheDir,
    batchSize: settings.batchSize,
  };
  return TransformersEmbedder.load(options);
}
