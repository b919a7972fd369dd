#!/usr/bin/env node
// The `remit` command: runs the TypeScript entry through tsx's loader (no build step after `npm ci`).
import { register } from 'tsx/esm/api';

// LanceDB's native layer logs routine warnings ("no existing dataset, it will be created") to stderr by default.
process.env.LANCEDB_LOG ??= 'error';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
