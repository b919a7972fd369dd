// powers.json beside the index: written atomically (temp file, fsync, rename), validated when read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../../../core/errors.js';
import { PowersTable } from '../../../core/powers/schema.js';
import { writeFileAtomic } from '../atomic-file.js';

export const POWERS_FILE = 'powers.json';

/** The table in `dir`, or null when no table has been built there yet. */
export async function readPowersFile(dir: string): Promise<PowersTable | null> {
  const path = join(dir, POWERS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw createError({ code: 'index_corrupt', message: `Cannot read ${path}`, cause: error });
  }
  const parsed = (() => {
    try {
      return PowersTable.safeParse(JSON.parse(text));
    } catch (error) {
      return { success: false as const, error };
    }
  })();
  if (!parsed.success) {
    throw createError({ code: 'index_corrupt', message: `${path} is not a powers table`, hint: 'Rebuild it with `remit powers --rebuild`.', cause: parsed.error });
  }
  return parsed.data;
}

/** A crash leaves the old file or the new one, never half of one. */
export async function writePowersFile(dir: string, table: PowersTable): Promise<void> {
  const path = join(dir, POWERS_FILE);
  try {
    await writeFileAtomic(path, `${JSON.stringify(PowersTable.parse(table))}\n`);
  } catch (error) {
    throw createError({ code: 'index_unwritable', message: `Cannot write ${path}`, cause: error });
  }
}
