// state.json names the committed version of each table: the single switch that makes a commit atomic.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createError } from '../../../core/errors.js';
import { IndexInfo } from '../../../core/schema.js';
import { writeFileAtomic } from '../atomic-file.js';

/** Bump when the table layout changes; an index written by another layout must be rebuilt. */
export const STORE_SCHEMA_VERSION = 1;

export const STATE_FILE = 'state.json';

export const StoreState = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  info: IndexInfo,
  /** LanceDB version of each table that belongs to the committed state; later versions are crash leftovers. */
  versions: z.object({ documents: z.number().int().positive(), chunks: z.number().int().positive() }),
});
export type StoreState = z.infer<typeof StoreState>;

const REBUILD_HINT = 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder';

/** The committed state, or null when nothing has been committed in `dir`. */
export async function readState(dir: string): Promise<StoreState | null> {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw createError({ code: 'index_corrupt', message: `Cannot read ${path}`, hint: `${REBUILD_HINT} (${dir}).`, cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw createError({ code: 'index_corrupt', message: `${path} is not valid JSON`, hint: `${REBUILD_HINT} (${dir}).`, cause: error });
  }
  const parsed = StoreState.safeParse(json);
  if (!parsed.success) {
    throw createError({
      code: 'index_corrupt',
      message: `${path} is not a Remit index state (schema version ${STORE_SCHEMA_VERSION} expected)`,
      hint: `${REBUILD_HINT} (${dir}).`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** A crash leaves the old state.json or the new one. */
export async function writeState(dir: string, state: StoreState): Promise<void> {
  await writeFileAtomic(join(dir, STATE_FILE), `${JSON.stringify(StoreState.parse(state), null, 2)}\n`);
}
