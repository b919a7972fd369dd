// Picks the embedder from config: a transformers model when one can load, else the offline hashing embedder.
import { z } from 'zod';
import type { Embedder } from '../../../core/embed/embedder.js';
import { HashingEmbedder, parseHashingId } from '../../../core/embed/hashing.js';
import { createError, isRemitError } from '../../../core/errors.js';
import type { ModelUnavailableDetails, TransformersOptions } from './transformers.js';

export const EmbedderKind = z.enum(['auto', 'hashing', 'transformers']);
export type EmbedderKind = z.infer<typeof EmbedderKind>;

export const EmbedderSettings = z.object({
  kind: EmbedderKind.default('auto'),
  /** Hugging Face model id; defaults to Xenova/bge-small-en-v1.5. */
  model: z.string().trim().min(1).optional(),
  modelDir: z.string().min(1).optional(),
  /** Fetch the model from the hub when it is not in `modelDir` and the hub answers (the CLI's default). */
  allowRemote: z.boolean().default(false),
  hubUrl: z.string().optional(),
  hubTimeoutMs: z.number().int().positive().optional(),
  /** Hashing embedder size. */
  dimensions: z.number().int().positive().optional(),
  batchSize: z.number().int().positive().optional(),
});
export type EmbedderSettings = z.input<typeof EmbedderSettings>;

export interface EmbedderOptions extends EmbedderSettings {
  /** Told, in one line each, when a model is being fetched and when `auto` falls back to the hashing embedder. */
  warn?: (line: string) => void;
}

/** Where to find transformers models when reopening an index by its embedder id. */
export type ModelLocation = Pick<EmbedderSettings, 'modelDir' | 'allowRemote' | 'hubUrl' | 'hubTimeoutMs' | 'batchSize'> & {
  warn?: (line: string) => void;
};

export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { warn, ...rest } = options;
  const parsed = EmbedderSettings.safeParse(rest);
  if (!parsed.success) {
    throw createError({ code: 'bad_input', message: 'Invalid embedder options', details: parsed.error.issues });
  }
  const settings = parsed.data;
  if (settings.kind === 'hashing') return new HashingEmbedder({ dimensions: settings.dimensions });
  try {
    return await loadTransformers(settings, warn);
  } catch (error) {
    if (settings.kind === 'transformers' || !isRemitError(error) || error.code !== 'model_unavailable') throw error;
    const fallback = new HashingEmbedder({ dimensions: settings.dimensions });
    // Downloads are off either by the user's setting (false) or because this caller never fetches (unset).
    warn?.(fallbackNotice(fallback.id, error.details as ModelUnavailableDetails | undefined, rest.allowRemote === false ? 'setting' : 'caller'));
    return fallback;
  }
}

/** Re-embedding is a rebuild: an index keeps the embedder it was built with. */
const SWITCH_LATER = 'npx remit ingest --rebuild corpus';

/** One calm line: what is used, why, and the one thing that changes it. */
export function fallbackNotice(id: string, why: ModelUnavailableDetails | undefined, downloadsOffBy: 'setting' | 'caller' = 'setting'): string {
  const used = `Embedder: ${id} (offline hashing)`;
  switch (why?.reason) {
    case 'offline':
      return `${used}; ${why.cause}, so ${why.model} was not fetched. To switch once it can be: ${SWITCH_LATER}`;
    case 'downloads_off':
      return downloadsOffBy === 'setting'
        ? `${used}; ${why.model} is not in ${why.folder} and REMIT_ALLOW_REMOTE_MODELS=0 keeps it from being fetched.`
        : `${used}; ${why.model} is not in ${why.folder}, and this command does not fetch models (npm start and remit ingest do).`;
    case 'load_failed':
    case 'fetch_failed':
      return `${used}; ${why.model} did not load (${why.cause}). Delete ${why.folder} to fetch it again, then run: ${SWITCH_LATER}`;
    default:
      return `${used}; the model did not load.`;
  }
}

/** The embedder an index was built with, from the id it recorded; a clear error when this build cannot produce it. */
export async function embedderFromId(id: string, location: ModelLocation = {}): Promise<Embedder> {
  const hashing = parseHashingId(id);
  if (hashing) return new HashingEmbedder(hashing);
  const { parseTransformersId, TransformersEmbedder } = await import('./transformers.js');
  const transformers = parseTransformersId(id);
  const { warn, ...where } = location;
  if (transformers) return TransformersEmbedder.load({ ...where, ...transformers }, warn);
  throw createError({
    code: 'embedder_mismatch',
    message: `The index was built with embedder "${id}", which this version of Remit cannot recreate`,
    hint: 'Rebuild the index with the current embedder (`remit ingest --rebuild <paths>`).',
  });
}

async function loadTransformers(settings: z.output<typeof EmbedderSettings>, warn?: (line: string) => void): Promise<Embedder> {
  // Imported on demand: the hashing path never pays for loading transformers.js and onnxruntime.
  const { TransformersEmbedder } = await import('./transformers.js');
  const options: TransformersOptions = {
    model: settings.model,
    modelDir: settings.modelDir,
    allowRemote: settings.allowRemote,
    hubUrl: settings.hubUrl,
    hubTimeoutMs: settings.hubTimeoutMs,
    batchSize: settings.batchSize,
  };
  return TransformersEmbedder.load(options, warn);
}
