// manifest.json of a Cloudflare export: what was exported and the exact wrangler commands that deploy it.
import { z } from 'zod';
import { parseHashingId } from '../../../core/embed/hashing.js';
import { createError } from '../../../core/errors.js';
import type { IndexInfo } from '../../../core/schema.js';
import { WORKERS_AI_MODELS } from '../workers-ai-embedder.js';

export const ExportManifest = z.object({
  format: z.literal('remit-cloudflare-export'),
  version: z.literal(1),
  embedder: z.string(),
  dimensions: z.number().int().positive(),
  /** Vectorize scores with this metric; the index's vectors are unit length, so cosine is their similarity. */
  metric: z.literal('cosine'),
  /** How the Worker embeds queries: in the Worker (hashing) or with this Workers AI model. */
  queryEmbedder: z.string(),
  documents: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  builtAt: z.string(),
  exportedAt: z.string(),
  files: z.object({ schema: z.string(), data: z.string(), vectors: z.array(z.string()).min(1) }),
  d1Database: z.string(),
  vectorizeIndex: z.string(),
  /** Run in order from the folder holding wrangler.toml (on later exports, only the import steps). */
  commands: z.array(z.string()),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

/** Where the Worker gets query vectors for an index; an index it cannot query is refused at export time, not at the edge. */
export function queryEmbedderFor(embedderId: string): string {
  if (parseHashingId(embedderId)) return 'hashing (runs inside the Worker)';
  const model = /^transformers:([^:]+):(?:cls|mean):[a-z0-9]+$/.exec(embedderId)?.[1];
  const twin = model ? WORKERS_AI_MODELS[model] : undefined;
  if (twin) return `Workers AI ${twin.model}`;
  throw createError({
    code: 'bad_input',
    message: `The index was built with embedder "${embedderId}", which the Worker cannot reproduce for queries`,
    hint: `Rebuild it with --embedder hashing or a model with a Workers AI twin (${Object.keys(WORKERS_AI_MODELS).join(', ')}).`,
  });
}

export function buildManifest(options: {
  info: IndexInfo;
  files: ExportManifest['files'];
  d1Database: string;
  vectorizeIndex: string;
  exportedAt: Date;
  /** The export folder as the user named it, so the printed commands run from where they ran `remit export`. */
  dir?: string;
}): ExportManifest {
  const { info, files, d1Database, vectorizeIndex } = options;
  const at = (file: string) => (options.dir && options.dir !== '.' ? `${options.dir.replace(/\/+$/, '')}/${file}` : file);
  return ExportManifest.parse({
    format: 'remit-cloudflare-export',
    version: 1,
    embedder: info.embedder,
    dimensions: info.dimensions,
    metric: 'cosine',
    queryEmbedder: queryEmbedderFor(info.embedder),
    documents: info.documents,
    chunks: info.chunks,
    builtAt: info.builtAt,
    exportedAt: options.exportedAt.toISOString(),
    files,
    d1Database,
    vectorizeIndex,
    commands: [
      `npx wrangler d1 create ${d1Database}`,
      `npx wrangler vectorize create ${vectorizeIndex} --dimensions=${info.dimensions} --metric=cosine`,
      `npx wrangler d1 execute ${d1Database} --remote --file=${at(files.schema)}`,
      `npx wrangler d1 execute ${d1Database} --remote --file=${at(files.data)}`,
      ...files.vectors.map((file) => `npx wrangler vectorize upsert ${vectorizeIndex} --file=${at(file)}`),
      'npx wrangler deploy',
    ],
  });
}
