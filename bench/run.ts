// `npm run bench`: every benchmark, each in its own child process, then one table, bench/results/<name>.json and
// bench/results/README-table.md. Run: npm run bench -- [--sizes 1k,10k] [--name latest] [--skip orama,http,...]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/support/paths.js';
import { topFrames } from './lib/cpu-profile.js';
import { parseSize, RESULT_PREFIX, round, sizeLabel } from './lib/measure.js';
import { renderMarkdown, renderTargets, type BenchReport } from './report.js';

const STEPS = ['threshold', 'remit', 'orama', 'eval', 'http', 'mcp', 'transformers', 'profile'] as const;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k,100k' },
    name: { type: 'string', default: 'latest' },
    skip: { type: 'string', default: '' },
    'http-duration': { type: 'string', default: '10' },
    'profile-size': { type: 'string' },
  },
});
const sizes = values.sizes!.split(',').map(parseSize);
const skip = new Set(values.skip!.split(',').filter(Boolean));
const unknown = [...skip].filter((s) => !(STEPS as readonly string[]).includes(s));
if (unknown.length) throw new Error(`Unknown --skip ${unknown.join(',')}; steps are ${STEPS.join(', ')}`);
const resultsDir = join(REPO_ROOT, 'bench/results');

/** Runs a bench script in a child process; its progress goes to our stderr, its RESULT line is returned. */
function child<T>(script: string, args: string[], nodeArgs: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(REPO_ROOT, 'bench', script), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LANCEDB_LOG: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
      // A hung child (e.g. a native deadlock) fails the run instead of stalling it.
      timeout: 30 * 60_000,
    });
    let out = '';
    proc.stdout.on('data', (data: Buffer) => (out += data.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`bench/${script} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}

async function machine() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    date: new Date().toISOString(),
  };
}

const load = () => round(loadavg()[0]!, 2);
const report: BenchReport = { machine: await machine(), loadAverage: { start: load(), end: 0 }, sizes: [], steps: {} };
const step = async <T>(name: (typeof STEPS)[number], run: () => Promise<T>): Promise<T | undefined> => {
  if (skip.has(name)) return undefined;
  process.stderr.write(`\n== ${name} (load ${load()})\n`);
  // One failed step is reported in the results; the others still run.
  return run().catch((error: Error) => {
    process.stderr.write(`${name} failed: ${error.message}\n`);
    return { failed: error.message.slice(0, 500) } as T;
  });
};

report.steps.threshold = await step('threshold', () => child('ann-threshold.ts', ['--sizes', '500,1k,2k,5k,10k,20k']));
for (const size of sizes) {
  const label = sizeLabel(size);
  const loadAtStart = load();
  const remit = await step('remit', () => child<Record<string, any>>('remit-size.ts', ['--size', label]));
  const orama = await step('orama', () => child<Record<string, any>>('orama-size.ts', ['--size', label]));
  report.sizes.push({ size, loadAtStart, remit, orama });
}
report.steps.eval = await step('eval', () => child('eval-recall.ts', []));
report.steps.http = await step('http', () => child('http-size.ts', ['--size', '1k', '--duration', values['http-duration']!]));
report.steps.mcp = await step('mcp', () => child('mcp-size.ts', ['--size', '1k']));
report.steps.transformers = await step('transformers', () => child('transformers-ingest.ts', ['--size', '1k']));
report.steps.profile = await step('profile', async () => {
  // Ingest is the slowest stage in wall time; profile it at the largest size asked for (or --profile-size).
  const size = values['profile-size'] ?? sizeLabel(Math.max(...sizes));
  const dir = await mkdtemp(join(tmpdir(), 'remit-cpu-prof-'));
  try {
    await child('remit-size.ts', ['--size', size, '--stage', 'ingest'], ['--cpu-prof', '--cpu-prof-dir', dir]);
    // One profile per thread (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): the main thread's. The encoding
    // threads are ended by the pool before they could write theirs (their work is the "embed only" column's).
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
    const main = files.find((f) => f.split('.')[4] === '0') ?? files[0]!;
    return { stage: `ingest ${size} (hashing)`, ...(await topFrames(join(dir, main))) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
report.loadAverage.end = load();

await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, `${values.name}.json`), `${JSON.stringify(report, null, 2)}\n`);
const markdown = renderMarkdown(report);
await writeFile(join(resultsDir, 'README-table.md'), markdown);
process.stdout.write(`\n${markdown}\n${renderTargets(report)}\nwrote bench/results/${values.name}.json and bench/results/README-table.md\n`);
