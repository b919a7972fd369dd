// `remit export --target cloudflare`: a local index as D1 scripts, Vectorize NDJSON and a manifest with the deploy commands.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { z } from 'zod';
import { createError } from '../../../core/errors.js';
import { dataStatements, schemaSql } from './d1-sql.js';
import { buildManifest, type ExportManifest, queryEmbedderFor } from './manifest.js';
import type { IndexSnapshot } from '../../../core/store/index-store.js';
import { utf8Bytes } from './sql-literal.js';
import { MAX_VECTOR_ID_BYTES, MAX_VECTORS_FILE_BYTES, vectorLine } from './vectors-ndjson.js';

/** Names as wrangler accepts them for D1 databases and Vectorize indexes. */
const ResourceName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lowercase letters, digits and dashes (at most 63)');

export const CloudflareExportOptions = z.object({
  /** Folder to write into; created when missing, files in it are replaced. */
  out: z.string().min(1),
  d1Database: ResourceName.default('remit'),
  vectorizeIndex: ResourceName.default('remit-chunks'),
  now: z.date().optional(),
  /** How the printed commands name the export folder (the --out value as typed); defaults to `out`. */
  displayDir: z.string().optional(),
  /** Split vectors files above this size (Vectorize refuses uploads over 100 MB). */
  maxVectorsFileBytes: z.number().int().positive().default(MAX_VECTORS_FILE_BYTES),
});
export type CloudflareExportOptions = z.input<typeof CloudflareExportOptions>;

export const SCHEMA_FILE = 'schema.sql';
export const DATA_FILE = 'data.sql';
export const MANIFEST_FILE = 'manifest.json';

/** Writes `snapshot` (a local index read whole, e.g. by readLanceIndex) as the files wrangler imports. */
export async function exportForCloudflare(snapshot: IndexSnapshot, input: CloudflareExportOptions): Promise<ExportManifest> {
  const parsed = CloudflareExportOptions.safeParse(input);
  if (!parsed.success) throw createError({ code: 'bad_input', message: `Invalid export options: ${z.prettifyError(parsed.error)}`, details: parsed.error.issues });
  const options = parsed.data;
  queryEmbedderFor(snapshot.info.embedder); // refuse early: no files for an index the Worker cannot query
  for (const chunk of snapshot.chunks) {
    if (chunk.vector.length !== snapshot.info.dimensions) {
      throw createError({ code: 'index_corrupt', message: `Chunk ${chunk.id} has ${chunk.vector.length} dimensions, the index ${snapshot.info.dimensions}` });
    }
    if (utf8Bytes(chunk.id) > MAX_VECTOR_ID_BYTES) {
      throw createError({ code: 'bad_input', message: `Chunk id ${chunk.id} is longer than Vectorize's ${MAX_VECTOR_ID_BYTES}-byte limit` });
    }
  }

  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, SCHEMA_FILE), schemaSql(), 'utf8');
  await writeLines(join(options.out, DATA_FILE), dataStatements(snapshot));
  const vectors = await writeVectorFiles(options.out, snapshot.chunks.map(vectorLine), options.maxVectorsFileBytes);
  const manifest = buildManifest({
    info: snapshot.info,
    files: { schema: SCHEMA_FILE, data: DATA_FILE, vectors },
    d1Database: options.d1Database,
    vectorizeIndex: options.vectorizeIndex,
    exportedAt: options.now ?? new Date(),
    dir: options.displayDir ?? options.out,
  });
  await writeFile(join(options.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}

/** vectors.ndjson, then vectors-2.ndjson, … each under the size limit. */
async function writeVectorFiles(dir: string, lines: readonly string[], maxBytes: number): Promise<string[]> {
  const files: string[][] = [[]];
  let size = 0;
  for (const line of lines) {
    const bytes = utf8Bytes(line) + 1;
    if (size + bytes > maxBytes && files.at(-1)!.length) {
      files.push([]);
      size = 0;
    }
    files.at(-1)!.push(line);
    size += bytes;
  }
  const names = files.map((_, i) => (i === 0 ? 'vectors.ndjson' : `vectors-${i + 1}.ndjson`));
  await Promise.all(files.map((content, i) => writeFile(join(dir, names[i]!), content.map((l) => `${l}\n`).join(''), 'utf8')));
  return names;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const closed = once(stream, 'close');
  try {
    for (const line of lines) if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  } finally {
    stream.end();
  }
  await closed;
}
