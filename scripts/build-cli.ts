// Builds the `remit` command: an esbuild bundle of src/cli/main.ts in dist/cli/, which bin/remit.js runs (and builds on
// its first run when it is missing); `npm run build` and the test suite's global setup rebuild it. Loading it takes
// about half the time of ~150 TypeScript modules through tsx; code splitting keeps lazily imported parts (HTML
// parsing, the Anthropic SDK, the HTTP server) out of start-up. Run: node --import tsx scripts/build-cli.ts (npm run build)
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIST = join(root, 'dist', 'cli');
/** Entry files: renamed into place last, so a process starting meanwhile finds either the old build or the new one. */
const ENTRIES = ['main.js', 'encode-worker.js', 'ingest-worker.js', 'serve-worker.js'];
/** Chunks of earlier builds are kept this long: a running process may still lazily import them. */
const KEEP_OLD_CHUNKS_MS = 60 * 60 * 1000;

export async function buildCli(): Promise<void> {
  const { build } = await import('esbuild');
  const result = await build({
    // Worker threads load their modules (encode-worker.js, ingest-worker.js, serve-worker.js) from beside the code that starts them (all
    // at the top level; see worker-module.ts).
    entryPoints: [join(root, 'src', 'cli', 'main.ts'), ...['encode-worker.ts', 'ingest-worker.ts', 'serve-worker.ts'].map((file) => join(root, 'src', 'adapter', 'node', file))],
    entryNames: '[name]',
    outdir: CLI_DIST,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
  await mkdir(CLI_DIST, { recursive: true });
  const outputs = [...result.outputFiles!].sort((a, b) => Number(ENTRIES.includes(basename(a.path))) - Number(ENTRIES.includes(basename(b.path))));
  for (const file of outputs) {
    const temp = `${file.path}.${process.pid}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }
  const built = new Set(outputs.map((file) => basename(file.path)));
  for (const name of await readdir(CLI_DIST)) {
    if (built.has(name)) continue;
    const info = await stat(join(CLI_DIST, name)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > KEEP_OLD_CHUNKS_MS) await rm(join(CLI_DIST, name), { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
