#!/usr/bin/env node
// The `remit` command. Runs a one-file bundle of src/cli.ts (rebuilt with esbuild whenever a source file is newer),
// which starts in about half the time of loading ~150 TypeScript modules through tsx; falls back to tsx without esbuild.
import { readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// LanceDB's native layer logs routine warnings ("no existing dataset, it will be created") to stderr by default.
process.env.LANCEDB_LOG ??= 'error';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'remit.mjs');

const newestSource = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
    }),
  );

async function freshBundle() {
  if (process.env.REMIT_NO_BUNDLE === '1') return false;
  try {
    if (statSync(bundle).mtimeMs >= newestSource(join(root, 'src'))) return true;
  } catch {
    // No bundle yet.
  }
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(root, 'src', 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    // Written aside and renamed, so a concurrent run never imports a half-written file.
    const temp = `${bundle}.${process.pid}.tmp`;
    statSync(root);
    await import('node:fs/promises').then((fs) => fs.mkdir(join(root, 'dist'), { recursive: true }));
    writeFileSync(temp, result.outputFiles[0].contents);
    renameSync(temp, bundle);
    return true;
  } catch {
    return false;
  }
}

let main;
if (await freshBundle()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
