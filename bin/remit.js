#!/usr/bin/env node
// The `remit` command: runs the bundle that `npm ci` / `npm install` built into dist/cli (npm's `prepare`, see
// scripts/build-cli.mjs). After editing src/, `npm run build` rebuilds it (the test suite does so itself). Without a
// bundle (installed with --ignore-scripts) it runs the TypeScript sources through tsx, slower to start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// LanceDB's native layer logs routine warnings ("no existing dataset, it will be created") to stderr by default.
process.env.LANCEDB_LOG ??= 'error';

const bundle = new URL('../dist/cli/main.js', import.meta.url);
let main;
if (existsSync(fileURLToPath(bundle))) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
