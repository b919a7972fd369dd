#!/usr/bin/env node
// The `remit` command: runs the esbuild bundle of the CLI in dist/cli (scripts/build-cli.ts), built on the first run
// when it is missing (installs run no scripts here, see .npmrc) or by `npm run build`, which also rebuilds it after
// src/ changes (the test suite does so before it starts). When it can be neither found nor built (a read-only install
// nobody built), the TypeScript sources run through tsx, slower to start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// LanceDB's native layer logs routine warnings ("no existing dataset, it will be created") to stderr by default.
process.env.LANCEDB_LOG ??= 'error';

const bundle = new URL('../dist/cli/main.js', import.meta.url);
const exists = () => existsSync(fileURLToPath(bundle));
let main;
if (!exists()) {
  const { register } = await import('tsx/esm/api');
  register();
  try {
    await (await import('../scripts/build-cli.ts')).buildCli();
  } catch {
    // Not writable, or esbuild missing: run the sources instead.
  }
  if (!exists()) ({ main } = await import('../src/cli/main.ts'));
}
if (!main) ({ main } = await import(bundle.href));
process.exitCode = await main(process.argv.slice(2));
