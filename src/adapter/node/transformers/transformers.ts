// Sentence embeddings from an ONNX model through transformers.js (onnxruntime-node on CPU), loaded from a local folder or the hub.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { z } from 'zod';
import type { EmbedKind, Embedder } from '../../../core/embed/embedder.js';
import { createError } from '../../../core/errors.js';
import { DEFAULT_TRANSFORMERS_MODEL, type Pooling, profileFor } from '../../../core/embed/model-profiles.js';

export const TransformersOptions = z.object({
  model: z.string().trim().min(1).default(DEFAULT_TRANSFORMERS_MODEL),
  /** Folder holding `<model>/config.json`, `<model>/onnx/model.onnx`, ... (transformers.js `env.localModelPath`). */
  modelDir: z.string().min(1).optional(),
  /** Download from the Hugging Face hub when the model is not in `modelDir`. */
  allowRemote: z.boolean().default(false),
  /** Where hub downloads are kept; transformers.js's own default otherwise. */
  cacheDir: z.string().min(1).optional(),
  /** Weight precision: picks `onnx/model.onnx` (fp32) or e.g. `onnx/model_quantized.onnx` (q8). */
  dtype: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']).default('fp32'),
  /** Defaults to what the model was trained with (see model-profiles.ts). */
  pooling: z.enum(['cls', 'mean']).optional(),
  batchSize: z.number().int().min(1).max(1024).default(16),
});
export type TransformersOptions = z.input<typeof TransformersOptions>;
type Settings = z.output<typeof TransformersOptions>;

/** `transformers:<model>:<pooling>:<dtype>`: everything that changes the vectors, so an index can be reopened with the same. */
export const transformersId = (model: string, pooling: Pooling, dtype: string): string => `transformers:${model}:${pooling}:${dtype}`;

export function parseTransformersId(id: string): { model: string; pooling: Pooling; dtype: Settings['dtype'] } | null {
  const match = /^transformers:([^:]+):(cls|mean):([a-z0-9]+)$/.exec(id);
  const dtype = TransformersOptions.shape.dtype.safeParse(match?.[3]);
  if (!match || !dtype.success) return null;
  return { model: match[1]!, pooling: match[2] as Pooling, dtype: dtype.data };
}

export class TransformersEmbedder implements Embedder {
  readonly id: string;

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    private readonly settings: Settings & { pooling: Pooling; queryPrefix: string },
    readonly dimensions: number,
  ) {
    this.id = transformersId(settings.model, settings.pooling, settings.dtype);
  }

  /** Loads the model and embeds one probe text, so a broken model fails here rather than mid-ingest. */
  static async load(options: TransformersOptions = {}): Promise<TransformersEmbedder> {
    const parsed = TransformersOptions.safeParse(options);
    if (!parsed.success) {
      throw createError({ code: 'bad_input', message: 'Invalid transformers embedder options', details: parsed.error.issues });
    }
    const profile = profileFor(parsed.data.model);
    const settings = { ...parsed.data, pooling: parsed.data.pooling ?? profile.pooling, queryPrefix: profile.queryPrefix };
    const source = await describeSource(settings);
    if (!settings.allowRemote && !existsSync(join(source.localRoot, settings.model))) {
      throw unavailable(settings, source, new Error('the folder does not exist'));
    }
    try {
      const { env, pipeline } = await importLibrary();
      // transformers.js reads these globals when it resolves files; the loaded pipeline keeps its own session.
      env.allowLocalModels = true;
      env.localModelPath = source.localRoot;
      env.allowRemoteModels = settings.allowRemote;
      if (settings.cacheDir) env.cacheDir = resolve(settings.cacheDir);
      const extractor = await pipeline('feature-extraction', settings.model, {
        dtype: settings.dtype,
        local_files_only: !settings.allowRemote,
      });
      const [probe] = await runBatch(extractor, ['probe'], settings.pooling);
      if (!probe?.length) throw new Error('the model returned an empty embedding');
      return new TransformersEmbedder(extractor, settings, probe.length);
    } catch (error) {
      throw unavailable(settings, source, error);
    }
  }

  async embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]> {
    const { batchSize, pooling, queryPrefix } = this.settings;
    const inputs = kind === 'query' && queryPrefix ? texts.map((text) => queryPrefix + text) : [...texts];
    const vectors: Float32Array[] = [];
    for (let start = 0; start < inputs.length; start += batchSize) {
      vectors.push(...(await runBatch(this.extractor, inputs.slice(start, start + batchSize), pooling)));
    }
    return vectors;
  }

  /** Releases the ONNX session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

async function runBatch(extractor: FeatureExtractionPipeline, texts: string[], pooling: Pooling): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const output = await extractor(texts, { pooling, normalize: true });
  const [rows, width] = output.dims;
  if (output.dims.length !== 2 || rows !== texts.length || !width) {
    throw createError({ code: 'internal', message: `Expected ${texts.length} pooled embeddings, got a tensor of shape [${output.dims.join(', ')}]` });
  }
  const data = output.data as Float32Array;
  return Array.from({ length: rows }, (_, i) => data.slice(i * width, (i + 1) * width));
}

interface Source {
  localRoot: string;
}

let library: Promise<{ module: typeof import('@huggingface/transformers'); defaultLocalRoot: string }> | undefined;

/** Imports transformers.js once, noting its default model folder before any load changes the global. */
function loadLibraryOnce() {
  library ??= import('@huggingface/transformers').then((module) => ({ module, defaultLocalRoot: resolve(module.env.localModelPath) }));
  return library;
}

const importLibrary = async () => (await loadLibraryOnce()).module;

async function describeSource(settings: Settings): Promise<Source> {
  if (settings.modelDir) return { localRoot: resolve(settings.modelDir) };
  // Without a folder, transformers.js looks in its own `models/` folder; name it so the error says where.
  return { localRoot: (await loadLibraryOnce()).defaultLocalRoot };
}

function unavailable(settings: Settings, source: Source, cause: unknown) {
  const folder = join(source.localRoot, settings.model);
  const reason = (cause instanceof Error ? cause.message.split('\n')[0]! : String(cause)).replace(/[.\s]+$/, '');
  return createError({
    code: 'model_unavailable',
    message: settings.allowRemote
      ? `Could not load embedding model "${settings.model}" from ${folder} or the Hugging Face hub: ${reason}`
      : `Could not load embedding model "${settings.model}" from ${folder}: ${reason}`,
    hint: settings.allowRemote
      ? 'Check the network and the model id, or use the offline hashing embedder.'
      : `Put the model's ONNX export (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) in ${folder}, allow downloads from the hub, or use the offline hashing embedder.`,
    cause,
  });
}
