#!/usr/bin/env node
// The `remit` command. Runs an esbuild bundle of src/cli/main.ts, rebuilt whenever a source file is newer: it starts in
// about half the time of loading ~150 TypeScript modules through tsx. Code splitting keeps lazily imported parts
// (HTML parsing, the Anthropic SDK, the HTTP server) out of start-up. Falls back to tsx when esbuild is missing.
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// LanceDB's native layer logs routine warnings ("no existing dataset, it will be created") to stderr by default.
process.env.LANCEDB_LOG ??= 'error';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

const newestSource = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
    }),
  );

// A process lazily imports chunks of the bundle it started from; deleting that bundle under it breaks those imports.
const PRUNE_AFTER_MS = 60 * 60 * 1000;

const touched = (folder) => {
  try {
    utimesSync(folder, new Date(), new Date());
  } catch {
    // A read-only install still runs; its bundles are simply never pruned early.
  }
  return folder;
};

/** The bundle's folder for the current sources, built if missing; undefined when it cannot be built. */
async function bundleFor(stamp) {
  const folder = join(dist, `cli-${stamp}`);
  // Its mtime says when a run last started from it: pruning spares bundles that running processes may still import from.
  if (existsSync(join(folder, 'main.js'))) return touched(folder);
  try {
    const { build } = await import('esbuild');
    // Built aside and renamed into place, so a concurrent run never imports a half-written bundle.
    const temp = join(dist, `.cli-${stamp}-${process.pid}`);
    await build({
      // Worker threads load their modules (encode-worker.js, ingest-worker.js) from beside the code that starts them
      // (all at the top level).
      entryPoints: ['cli/main.ts', 'adapter/node/encode-worker.ts', 'adapter/node/ingest-worker.ts'].map((file) => join(root, 'src', file)),
      entryNames: '[name]',
      outdir: temp,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    try {
      renameSync(temp, folder);
    } catch {
      rmSync(temp, { recursive: true, force: true }); // another run won the race
    }
    for (const old of readdirSync(dist)) {
      const info = old.startsWith('cli-') && old !== `cli-${stamp}` ? statSync(join(dist, old), { throwIfNoEntry: false }) : undefined;
      if (info && Date.now() - info.mtimeMs > PRUNE_AFTER_MS) rmSync(join(dist, old), { recursive: true, force: true });
    }
    return folder;
  } catch {
    return undefined;
  }
}

const folder = process.env.REMIT_NO_BUNDLE === '1' ? undefined : await bundleFor(Math.floor(newestSource(join(root, 'src'))));
let main;
if (folder) {
  ({ main } = await import(pathToFileURL(join(folder, 'main.js')).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
