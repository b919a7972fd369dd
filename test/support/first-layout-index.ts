// Turns an index into one as written before documents recorded how they came in and their power facts, and before the
// powers table was committed with the index: no `via` or `powers` columns, no table named by state.json, and a
// powers.json rebuilt after an ingest (here a stale one), as such an index is found on disk.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';

export async function downgradeToFirstLayout(dir: string): Promise<void> {
  const db = await connect(dir);
  const documents = await db.openTable('documents');
  await documents.dropColumns(['via', 'powers']);
  const version = await documents.version();
  documents.close();
  db.close();
  const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
  delete state.powers;
  state.versions.documents = version;
  await writeFile(join(dir, 'state.json'), JSON.stringify(state, null, 2));
  for (const name of await readdir(dir)) if (/^powers-\d+\.json$/.test(name)) await rm(join(dir, name));
  await writeFile(join(dir, 'powers.json'), JSON.stringify({ version: 1, builtAt: '2026-01-01T00:00:00.000Z', extractor: 'rules', documents: 0, powers: [] }));
}
