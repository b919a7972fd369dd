// The powers table files beside the index: powers-<documents table version>.json, the one state.json names being the
// committed table. Written atomically (temp file, fsync, rename) before state.json names it; validated when read.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../../../core/errors.js';
import { type DocumentSource, type PowersCatalog, powersFromDocuments } from '../../../core/powers/catalog.js';
import { PowersTable } from '../../../core/powers/schema.js';
import type { IndexStore } from '../../../core/store/index-store.js';
import { writeFileAtomic } from '../atomic-file.js';
import { readJsonFile } from '../read-json-file.js';

/** Where the table lived before it was committed with the index (rebuilt after each ingest, outside the commit). */
export const LEGACY_POWERS_FILE = 'powers.json';

export const powersFileName = (documentsVersion: number): string => `powers-${documentsVersion}.json`;

/** The table at `path`, or null when there is no file there. */
export async function readPowersFile(path: string): Promise<PowersTable | null> {
  return readJsonFile(path, {
    parse: (json) => PowersTable.parse(json),
    what: 'a powers table',
    code: 'index_corrupt',
    hint: 'Re-ingest with `remit ingest --rebuild <paths>` or delete the index folder.',
  });
}

/** A crash leaves the old file or the new one, never half of one. */
export async function writePowersFile(path: string, table: PowersTable): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(PowersTable.parse(table))}\n`);
  } catch (error) {
    throw createError({ code: 'index_unwritable', message: `Cannot write ${path}`, cause: error });
  }
}

/**
 * Removes tables no state names any more: those of earlier commits once older than `retainMs` (a reader in another
 * process may still be at that state), leftovers of killed commits likewise, and the legacy powers.json.
 */
export async function pruneOldPowersFiles(dir: string, current: string, retainMs: number): Promise<void> {
  const cutoff = Date.now() - retainMs;
  for (const name of await readdir(dir)) {
    if (name === current || !(/^powers-\d+\.json$/.test(name) || name === LEGACY_POWERS_FILE)) continue;
    const path = join(dir, name);
    const { mtimeMs } = await stat(path);
    if (name === LEGACY_POWERS_FILE || mtimeMs < cutoff) await rm(path, { force: true });
  }
}

/**
 * The table committed with the index; an index made before the table was committed with it gets the rules table from
 * its documents (until its next commit builds one).
 */
export function powersCatalog(store: Pick<IndexStore, 'powers'>, documents: DocumentSource): PowersCatalog {
  const rules = powersFromDocuments(documents);
  return { table: async () => (await store.powers?.()) ?? rules.table() };
}
