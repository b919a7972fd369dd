// Which packages a command loads, read from the module URLs a loader hook records in the real command (bin/remit.js)
// run as a child process.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';

/** The packages whose loading would make a one-shot command slow to start. */
export const HEAVY_PACKAGES = ['@lancedb/lancedb', 'apache-arrow', 'wink-nlp', 'wink-eng-lite-web-model', '@huggingface/transformers', '@anthropic-ai/sdk', 'zod'];

export interface RemitRun {
  code: number;
  stdout: string;
  stderr: string;
  packages: Set<string>;
}

export interface ModuleLog {
  /** Runs `remit args` in `cwd` with `env` added, and returns what it printed and the packages it loaded. */
  run(args: string[], options?: { cwd?: string; env?: Record<string, string> }): Promise<RemitRun>;
  close(): Promise<void>;
}

export async function moduleLog(): Promise<ModuleLog> {
  const dir = await mkdtemp(join(tmpdir(), 'remit-modules-'));
  // The hook runs on the loader thread: it appends every module URL loaded to the file named by REMIT_TEST_MODULE_LOG.
  await writeFile(
    join(dir, 'log-hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.REMIT_TEST_MODULE_LOG, url + '\\n'); return next(url, context); }\n",
  );
  const hook = join(dir, 'register.mjs');
  await writeFile(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'log-hooks.mjs')).href)});\n`);
  return {
    async run(args, options = {}) {
      const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
      const result = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(hook).href, join(REPO_ROOT, 'bin/remit.js'), ...args], {
        cwd: options.cwd ?? dir,
        env: { ...process.env, REMIT_TEST_MODULE_LOG: log, REMIT_EMBEDDER: 'hashing', ...options.env },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );
      const urls = (await readFile(log, 'utf8').catch(() => '')).split('\n');
      const packages = new Set(urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => Boolean(name)));
      return { ...result, packages };
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
