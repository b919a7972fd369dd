// Scalar's standalone API reference bundle, read from the installed @scalar/api-reference, so /docs works offline.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ScalarBundle } from '../../http/routes/docs.js';

let bundle: Promise<ScalarBundle> | undefined;

/** Read once per process (3.5 MB): every server started in it serves the same bundle. */
export function readScalarBundle(): Promise<ScalarBundle> {
  bundle ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
    const [script, manifest] = await Promise.all([readFile(path, 'utf8'), readFile(join(dirname(path), '..', '..', 'package.json'), 'utf8')]);
    return { version: (JSON.parse(manifest) as { version: string }).version, script };
  })();
  bundle.catch(() => (bundle = undefined));
  return bundle;
}
