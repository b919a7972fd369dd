// What `remit` loads before it runs a command: help and usage errors load none of the heavy packages (issue 24), read
// from the module URLs a loader hook records in the real command (bin/remit.js) run as a child process.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/paths.js';

const HEAVY = ['@lancedb/lancedb', 'apache-arrow', 'wink-nlp', 'wink-eng-lite-web-model', '@huggingface/transformers', '@anthropic-ai/sdk', 'zod'];

let dir: string;
let hook: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-startup-'));
  // The hook runs on the loader thread: it appends every module URL loaded to the file named by REMIT_TEST_MODULE_LOG.
  await writeFile(
    join(dir, 'log-hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.REMIT_TEST_MODULE_LOG, url + '\\n'); return next(url, context); }\n",
  );
  hook = join(dir, 'register.mjs');
  await writeFile(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'log-hooks.mjs')).href)});\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `remit args` and returns its exit code and the packages it loaded. */
async function loadedBy(args: string[]): Promise<{ code: number; packages: Set<string> }> {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const code = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(hook).href, join(REPO_ROOT, 'bin/remit.js'), ...args], {
    cwd: dir,
    env: { ...process.env, REMIT_TEST_MODULE_LOG: log, REMIT_EMBEDDER: 'hashing' },
  }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
  const urls = (await readFile(log, 'utf8').catch(() => '')).split('\n');
  const packages = new Set(urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => Boolean(name)));
  return { code, packages };
}

describe('remit start-up', () => {
  // remit has no --version option: it is a usage error, like a missing question or an unknown command.
  it.each([[['--help']], [['ask', '--help']], [['--version']], [['ask']], [['frobnicate']]])('`remit %s` loads none of the heavy packages', async (args) => {
    const { code, packages } = await loadedBy(args);
    expect(code).toBe(args.includes('--help') ? 0 : 2);
    expect(packages.has('commander')).toBe(true);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });

  it('sees LanceDB load when a command opens the index (the check above can fail)', async () => {
    const { code, packages } = await loadedBy(['sources', '--db', join(dir, 'index')]);
    expect(code).toBe(0);
    expect(packages.has('@lancedb/lancedb')).toBe(true);
  });
});
