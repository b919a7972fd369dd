// powers.json beside the index: written atomically (temp file, fsync, rename), validated when read.
import { join } from 'node:path';
import { createError } from '../../../core/errors.js';
import { type DocumentSource, type PowersCatalog, powersFromDocuments } from '../../../core/powers/catalog.js';
import { PowersTable } from '../../../core/powers/schema.js';
import { writeFileAtomic } from '../atomic-file.js';
import { readJsonFile } from '../read-json-file.js';

export const POWERS_FILE = 'powers.json';

/** The table in `dir`, or null when no table has been built there yet. */
export async function readPowersFile(dir: string): Promise<PowersTable | null> {
  return readJsonFile(join(dir, POWERS_FILE), {
    parse: (json) => PowersTable.parse(json),
    what: 'a powers table',
    code: 'index_corrupt',
    hint: 'Rebuild it with `remit powers --rebuild`.',
  });
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

/** powers.json, rebuilt after every ingest; an index made before it existed gets the rules table from its documents. */
export function powersCatalog(dir: string, documents: DocumentSource): PowersCatalog {
  const rules = powersFromDocuments(documents);
  return { table: async () => (await readPowersFile(dir)) ?? rules.table() };
}
