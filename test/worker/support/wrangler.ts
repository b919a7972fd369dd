// Runs the project's own wrangler (from npm, no account needed for these commands) and measures what it builds.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../support/paths.js';

const run = promisify(execFile);
const WRANGLER = join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** No telemetry, no colour, no interactive prompts: the CI environment wrangler expects. */
const WRANGLER_ENV = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };

export async function wrangler(args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [WRANGLER, ...args], { cwd: REPO_ROOT, env: WRANGLER_ENV, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`wrangler ${args.join(' ')} failed:\n${stderr ?? ''}\n${stdout ?? ''}`, { cause: error });
  }
}

export interface WorkerBundle {
  dir: string;
  /** The entry module wrangler wrote (worker.js). */
  entry: string;
  /** Every module of the upload (the entry plus the bundled prompt text modules), source maps excluded. */
  rawBytes: number;
  gzipBytes: number;
  buildMs: number;
  /** Modules the bundle leaves to the runtime (esbuild's metafile): only the bundled prompt texts, never `node:*`. */
  externalImports: string[];
}

/** `wrangler deploy --dry-run --outdir`: the exact upload, built without an account. */
export async function buildWorkerBundle(outdir: string): Promise<WorkerBundle> {
  const started = performance.now();
  const metafile = join(outdir, '..', 'bundle-meta.json');
  await wrangler(['deploy', '--dry-run', '--outdir', outdir, '--metafile', metafile]);
  const buildMs = performance.now() - started;
  const meta = JSON.parse(await readFile(metafile, 'utf8')) as { outputs: Record<string, { imports: { path: string }[] }> };
  const modules = (await readdir(outdir)).filter((name) => name.endsWith('.js') || name.endsWith('.md')).filter((name) => name !== 'README.md');
  const contents = await Promise.all(modules.map((name) => readFile(join(outdir, name))));
  return {
    dir: outdir,
    entry: join(outdir, 'worker.js'),
    rawBytes: contents.reduce((sum, c) => sum + c.length, 0),
    gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c).length, 0),
    buildMs,
    externalImports: Object.values(meta.outputs).flatMap((output) => output.imports.map((i) => i.path)),
  };
}

/** `wrangler d1 execute --local --file`: the same command as the remote import, into a local database. */
export async function executeD1File(database: string, file: string, persistTo: string): Promise<void> {
  await wrangler(['d1', 'execute', database, '--local', '--persist-to', persistTo, '--file', file, '--yes']);
}

/** The compatibility date wrangler.toml pins, so the local Worker runs under the same runtime semantics. */
export async function compatibilityDate(): Promise<string> {
  const toml = await readFile(join(REPO_ROOT, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"(\d{4}-\d{2}-\d{2})"/m.exec(toml)?.[1];
  if (!date) throw new Error('wrangler.toml has no compatibility_date');
  return date;
}

/** The D1 database id wrangler.toml binds as DB (the local database file is named after it). */
export async function d1DatabaseId(): Promise<string> {
  const toml = await readFile(join(REPO_ROOT, 'wrangler.toml'), 'utf8');
  const id = /^database_id\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!id) throw new Error('wrangler.toml has no database_id');
  return id;
}
