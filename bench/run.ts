// `npm run bench`: every benchmark, each in its own child process, then one table, bench/results/<name>.json and
// bench/results/README-table.md. Run: npm run bench -- [--sizes 1k,10k] [--name latest] [--skip orama,http,...]
// A million chunks is opt-in (about an hour on 2 cores): npm run bench -- --sizes 1k,10k,100k,1m
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { REPO_ROOT } from '../test/support/paths.js';
import { benchChild as child, ChildTimeout } from './lib/child.js';
import { topFrames } from './lib/cpu-profile.js';
import { parseSize, round, sizeLabel } from './lib/measure.js';
import { perfAvailable, perfRecord, summarisePerf } from './lib/perf-profile.js';
import { buildCli } from '../scripts/build-cli.js';
import { renderMarkdown, renderTargets, type BenchReport } from './report.js';

const STEPS = ['threshold', 'remit', 'pglite', 'orama', 'long', 'startup', 'eval', 'http', 'mcp', 'transformers', 'profile'] as const;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k,100k' },
    name: { type: 'string', default: 'latest' },
    skip: { type: 'string', default: '' },
    'http-duration': { type: 'string', default: '10' },
    'profile-size': { type: 'string' },
    'long-sizes': { type: 'string', default: '1000000,10000000' },
    'long-timeout': { type: 'string', default: '300' },
  },
});
const sizes = values.sizes!.split(',').map(parseSize);
const skip = new Set(values.skip!.split(',').filter(Boolean));
const unknown = [...skip].filter((s) => !(STEPS as readonly string[]).includes(s));
if (unknown.length) throw new Error(`Unknown --skip ${unknown.join(',')}; steps are ${STEPS.join(', ')}`);
const resultsDir = join(REPO_ROOT, 'bench/results');

/**
 * The peers hold everything in one process: Orama took 3.5 GB at 100k chunks (it would need ~35 GB at 1M), and PGlite
 * is 32-bit WebAssembly (a 4 GB heap) building its HNSW graph on one thread. Past this size they are not run.
 */
const PEER_MAX_CHUNKS = 100_000;

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
  const peer = async <T>(name: 'pglite' | 'orama', script: string) =>
    size > PEER_MAX_CHUNKS ? ({ notRun: `not run past ${sizeLabel(PEER_MAX_CHUNKS)} chunks (it holds everything in one process)` } as T) : step(name, () => child<T>(script, ['--size', label]));
  const remit = await step('remit', () => child<Record<string, any>>('remit-size.ts', ['--size', label], { timeoutMs: 3 * 60 * 60_000 }));
  const pglite = await peer<Record<string, any>>('pglite', 'pglite-size.ts');
  const orama = await peer<Record<string, any>>('orama', 'orama-size.ts');
  report.sizes.push({ size, loadAtStart, remit, pglite, orama });
}
report.steps.long = await step('long', async () => {
  // One long document as a user ingests it; text processing must stay linear, so a run that does not end in time is
  // reported with how far it got.
  const timeoutMs = Number(values['long-timeout']) * 1000;
  const rows = [];
  for (const bytes of values['long-sizes']!.split(',').map(Number)) {
    for (const kind of ['repeated', 'report']) {
      const phases: Record<string, number> = {};
      const onLine = (line: string) => {
        const match = /^PHASE (.+) (\d+)$/.exec(line);
        if (match) phases[match[1]!] = Number(match[2]);
      };
      const result = await child<Record<string, any>>('long-document.ts', ['--kind', kind, '--bytes', String(bytes)], { timeoutMs, onLine }).catch((error: Error) => {
        if (!(error instanceof ChildTimeout)) throw error;
        return { kind, bytes, didNotFinishS: timeoutMs / 1000, phases };
      });
      rows.push(result);
      process.stderr.write(`long ${kind} ${bytes}: ${JSON.stringify(result)}\n`);
    }
  }
  return { rows };
});
report.steps.startup = await step('startup', async () => {
  // The command as a user runs it (bin/remit.js and the bundle built from these sources), one question at a time.
  const run = promisify(execFile);
  await run('hyperfine', ['--version']).catch(() => Promise.reject(new Error('hyperfine is not installed (apt-get install hyperfine)')));
  await buildCli();
  const dir = await mkdtemp(join(tmpdir(), 'remit-startup-'));
  try {
    await child('remit-ingest.ts', ['--size', '1k', '--dir', join(dir, 'index')]);
    const command = `remit ask --json`;
    const [warmup, runs] = [3, 30];
    await run('hyperfine', ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', join(dir, 'hyperfine.json'), `${process.execPath} ${join(REPO_ROOT, 'bin/remit.js')} ask --json --db ${join(dir, 'index')} "What can Ofcom fine under the Online Safety Act?"`]);
    const [result] = JSON.parse(await readFile(join(dir, 'hyperfine.json'), 'utf8')).results as { mean: number; stddev: number; min: number; user: number; system: number }[];
    const ms = (s: number) => Math.round(s * 1000);
    // CPU time too: on a shared machine it moves less with the load than wall time does.
    return { command, size: '1k', warmup, runs, meanMs: ms(result!.mean), stddevMs: ms(result!.stddev), minMs: ms(result!.min), cpuMs: ms(result!.user + result!.system) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
report.steps.eval = await step('eval', () => child('eval-recall.ts', []));
report.steps.http = await step('http', () => child('http-size.ts', ['--size', '1k', '--duration', values['http-duration']!]));
report.steps.mcp = await step('mcp', () => child('mcp-size.ts', ['--size', '1k']));
report.steps.transformers = await step('transformers', () => child('transformers-ingest.ts', ['--size', '1k']));
report.steps.profile = await step('profile', async () => {
  // Ingest is the slowest stage in wall time; profile it at the largest size asked for up to 100k (or --profile-size).
  const size = values['profile-size'] ?? sizeLabel(Math.min(100_000, Math.max(...sizes)));
  const stage = `ingest ${size} (hashing)`;
  const dir = await mkdtemp(join(tmpdir(), 'remit-cpu-prof-'));
  try {
    if (await perfAvailable()) {
      // Every thread: LanceDB's native work, the encoding workers and the main thread (JavaScript named by the map).
      const file = join(dir, 'perf.data');
      const ingest = await child<Record<string, any>>('remit-ingest.ts', ['--size', size], { wrap: perfRecord(file), nodeArgs: ['--perf-basic-prof'] });
      return { stage, tool: 'perf', ingest, ...(await summarisePerf(file)) };
    }
    // Without perf, V8's profile of the main thread (one profile per thread: CPU.<date>.<time>.<pid>.<thread>.<seq>).
    await child('remit-ingest.ts', ['--size', size], { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
    const main = files.find((f) => f.split('.')[4] === '0') ?? files[0]!;
    return { stage, tool: 'v8', ...(await topFrames(join(dir, main))) };
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
