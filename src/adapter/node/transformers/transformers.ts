// Sentence embeddings from an ONNX model through transformers.js (onnxruntime-node on CPU), loaded from a local folder,
// or fetched once from the Hugging Face hub into that folder when the hub answers.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { z } from 'zod';
import type { EmbedKind, Embedder } from '../../../core/embed/embedder.js';
import { createError } from '../../../core/errors.js';
import { DEFAULT_TRANSFORMERS_MODEL, type Pooling, profileFor } from '../../../core/embed/model-profiles.js';
import { DEFAULT_HUB_TIMEOUT_MS, DEFAULT_HUB_URL, defaultModelDir, probeHub } from './hub.js';

export const TransformersOptions = z.object({
  model: z.string().trim().min(1).default(DEFAULT_TRANSFORMERS_MODEL),
  /** Folder holding `<model>/config.json`, `<model>/onnx/model.onnx`, ...; fetched models are kept here. Default: defaultModelDir(). */
  modelDir: z.string().min(1).optional(),
  /** Fetch the model from the hub when it is not in `modelDir` and the hub answers. */
  allowRemote: z.boolean().default(false),
  /** The hub or a mirror (`HF_ENDPOINT`); tests point it at a local stand-in. */
  hubUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_HUB_URL),
  /** How long the hub has to answer before the machine counts as offline. */
  hubTimeoutMs: z.number().int().positive().max(60_000).default(DEFAULT_HUB_TIMEOUT_MS),
  /** Weight precision: picks `onnx/model.onnx` (fp32) or e.g. `onnx/model_quantized.onnx` (q8). */
  dtype: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']).default('fp32'),
  /** Defaults to what the model was trained with (see model-profiles.ts). */
  pooling: z.enum(['cls', 'mean']).optional(),
  batchSize: z.number().int().min(1).max(1024).default(16),
});
export type TransformersOptions = z.input<typeof TransformersOptions>;
type Settings = z.output<typeof TransformersOptions>;
type LoadSettings = Settings & { pooling: Pooling; queryPrefix: string };

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
    private readonly settings: LoadSettings,
    readonly dimensions: number,
  ) {
    this.id = transformersId(settings.model, settings.pooling, settings.dtype);
  }

  /**
   * Loads the model from `modelDir`, or fetches it there first (when allowed and the hub answers), then embeds one
   * probe text, so a broken model fails here rather than mid-ingest. `notify` hears, in one line, that a fetch starts.
   */
  static async load(options: TransformersOptions = {}, notify?: (line: string) => void): Promise<TransformersEmbedder> {
    const parsed = TransformersOptions.safeParse(options);
    if (!parsed.success) {
      throw createError({ code: 'bad_input', message: 'Invalid transformers embedder options', details: parsed.error.issues });
    }
    const profile = profileFor(parsed.data.model);
    const settings = { ...parsed.data, pooling: parsed.data.pooling ?? profile.pooling, queryPrefix: profile.queryPrefix };
    const root = resolve(settings.modelDir ?? defaultModelDir());
    const folder = join(root, settings.model);
    if (existsSync(folder)) return TransformersEmbedder.#open(settings, root, folder);
    if (!settings.allowRemote) throw unavailable(settings, folder, 'downloads_off', 'it is not in that folder and downloads are off');
    const hub = await probeHub(settings.hubUrl, settings.model, settings.hubTimeoutMs);
    if (!hub.reachable) throw unavailable(settings, folder, 'offline', hub.reason);
    notify?.(`Embedder: fetching ${settings.model} from ${new URL(settings.hubUrl).host} into ${root} (once)…`);
    return TransformersEmbedder.#fetch(settings, root, folder);
  }

  static async #open(settings: LoadSettings, root: string, folder: string): Promise<TransformersEmbedder> {
    try {
      const { env } = await importLibrary();
      // transformers.js reads these globals when it resolves files; the loaded pipeline keeps its own session.
      env.allowLocalModels = true;
      env.localModelPath = root;
      env.allowRemoteModels = false;
      return await TransformersEmbedder.#create(settings, { cache_dir: root, local_files_only: true });
    } catch (error) {
      throw unavailable(settings, folder, 'load_failed', error);
    }
  }

  /** Fetches into a folder of its own, moved into place only once the model has loaded: never a half-fetched model. */
  static async #fetch(settings: LoadSettings, root: string, folder: string): Promise<TransformersEmbedder> {
    await mkdir(root, { recursive: true });
    const staging = await mkdtemp(join(root, '.fetching-'));
    try {
      const { env } = await importLibrary();
      // Only the staging cache and the hub: a local-folder miss would otherwise be logged as a warning.
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      env.remoteHost = settings.hubUrl.endsWith('/') ? settings.hubUrl : `${settings.hubUrl}/`;
      const embedder = await TransformersEmbedder.#create(settings, { cache_dir: staging, local_files_only: false });
      await mkdir(dirname(folder), { recursive: true });
      // Another process may have fetched it meanwhile; either copy is whole.
      await rename(join(staging, settings.model), folder).catch((error: NodeJS.ErrnoException) => {
        if (!existsSync(folder)) throw error;
      });
      return embedder;
    } catch (error) {
      throw unavailable(settings, folder, 'fetch_failed', error);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  static async #create(settings: LoadSettings, files: { cache_dir: string; local_files_only: boolean }): Promise<TransformersEmbedder> {
    const { pipeline } = await importLibrary();
    const extractor = await pipeline('feature-extraction', settings.model, { dtype: settings.dtype, ...files });
    const [probe] = await runBatch(extractor, ['probe'], settings.pooling);
    if (!probe?.length) throw new Error('the model returned an empty embedding');
    return new TransformersEmbedder(extractor, settings, probe.length);
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

let library: Promise<typeof import('@huggingface/transformers')> | undefined;

/** Imported on first use: the hashing path never pays for loading transformers.js and onnxruntime. */
function importLibrary() {
  library ??= import('@huggingface/transformers');
  return library;
}

/** Why a model could not be used, for the one-line notice when `auto` falls back to the hashing embedder. */
export type ModelUnavailableReason = 'downloads_off' | 'offline' | 'load_failed' | 'fetch_failed';
export interface ModelUnavailableDetails {
  reason: ModelUnavailableReason;
  model: string;
  folder: string;
  /** What went wrong, in a few words ("the hub at https://huggingface.co did not answer within 1.5 s"). */
  cause: string;
}

const MODEL_FILES = 'config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx';

function unavailable(settings: Settings, folder: string, reason: ModelUnavailableReason, cause: unknown) {
  const why = (cause instanceof Error ? cause.message.split('\n')[0]! : String(cause)).replace(/[.\s]+$/, '');
  const details: ModelUnavailableDetails = { reason, model: settings.model, folder, cause: why };
  const hashing = 'or use the offline hashing embedder (--embedder hashing)';
  const { message, hint } = {
    downloads_off: {
      message: `Embedding model "${settings.model}" is not in ${folder}, and downloads are off`,
      hint: `Put the model's ONNX export (${MODEL_FILES}) in ${folder}, let Remit fetch it (unset REMIT_ALLOW_REMOTE_MODELS), ${hashing}.`,
    },
    offline: {
      message: `Could not fetch embedding model "${settings.model}": ${why}`,
      hint: `Connect to the internet once, put the model's ONNX export (${MODEL_FILES}) in ${folder}, ${hashing}.`,
    },
    load_failed: {
      message: `Could not load embedding model "${settings.model}" from ${folder}: ${why}`,
      hint: `Replace that folder's files (${MODEL_FILES}), delete the folder so the model is fetched again, ${hashing}.`,
    },
    fetch_failed: {
      message: `Could not fetch embedding model "${settings.model}" into ${folder}: ${why}`,
      hint: `Check the network and the model id and try again, ${hashing}.`,
    },
  }[reason];
  return createError({ code: 'model_unavailable', message, hint, details, cause });
}
