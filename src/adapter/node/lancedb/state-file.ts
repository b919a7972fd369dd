// state.json names the committed version of each table: the single switch that makes a commit atomic.
import { join } from 'node:path';
import { z } from 'zod';
import { IndexInfo } from '../../../core/schema.js';
import { writeFileAtomic } from '../atomic-file.js';
import { readJsonFile } from '../read-json-file.js';

/** Bump when the table layout changes; an index written by another layout must be rebuilt. */
export const STORE_SCHEMA_VERSION = 1;

export const STATE_FILE = 'state.json';

export const StoreState = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  info: IndexInfo,
  /** LanceDB version of each table that belongs to the committed state; later versions are crash leftovers. */
  versions: z.object({ documents: z.number().int().positive(), chunks: z.number().int().positive() }),
  /**
   * The powers table file (beside state.json) merged from these table versions, published by the same switch. Absent
   * in an index written before it was (the next commit writes one; readers compute the table meanwhile).
   */
  powers: z.string().regex(/^powers-\d+\.json$/).optional(),
});
export type StoreState = z.infer<typeof StoreState>;

const REBUILD_HINT = 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder';

/** The committed state, or null when nothing has been committed in `dir`. */
export async function readState(dir: string): Promise<StoreState | null> {
  return readJsonFile(join(dir, STATE_FILE), {
    parse: (json) => StoreState.parse(json),
    what: `a Remit index state (schema version ${STORE_SCHEMA_VERSION} expected)`,
    code: 'index_corrupt',
    hint: `${REBUILD_HINT} (${dir}).`,
  });
}

/** A crash leaves the old state.json or the new one. */
export async function writeState(dir: string, state: StoreState): Promise<void> {
  await writeFileAtomic(join(dir, STATE_FILE), `${JSON.stringify(StoreState.parse(state), null, 2)}\n`);
}
