// Start-up of the `remit` command (issue 24): `remit --help` and `remit ask --json` on a 1k-chunk index, for one or more
// builds, timed by hyperfine in alternating rounds so that a shared machine's changing load falls on every build alike.
// A build is a folder holding bin/remit.js and its dist/ (copy them aside to compare an earlier commit; builds before
// `--no-server` existed cannot run the in-process ask case). The last build also runs a `remit serve` on the index, which
// the "remit serve running" case hands its question to.
// Run: node --import tsx bench/cli-startup.ts [--build before=/tmp/old --build after=.] [--rounds 6 --runs 5] [--name cli-startup]
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { REPO_ROOT } from '../test/support/paths.js';
import { benchChild as child } from './lib/child.js';
import { round } from './lib/measure.js';

const QUESTION = 'What can Ofcom fine under the Online Safety Act?';

const { values } = parseArgs({
  options: {
    build: { type: 'string', multiple: true, default: [`current=${REPO_ROOT}`] },
    rounds: { type: 'string', default: '6' },
    runs: { type: 'string', default: '5' },
    name: { type: 'string', default: 'cli-startup' },
  },
});
const builds = values.build!.map((spec) => {
  const [label, dir] = spec.includes('=') ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)] : [spec, spec];
  return { label: label!, bin: join(resolve(dir!), 'bin/remit.js') };
});
const [rounds, runs] = [Number(values.rounds), Number(values.runs)];
const run = promisify(execFile);
const load = () => round(loadavg()[0]!, 2);

interface Sample {
  wallMs: number[];
  cpuMs: number[];
}

const dir = await mkdtemp(join(tmpdir(), 'remit-cli-startup-'));
try {
  const db = join(dir, 'index');
  await child('remit-ingest.ts', ['--size', '1k', '--dir', db]);
  // A `remit serve` on the same index, which `remit ask` hands the question to (its record in this run's registry).
  const registry = join(dir, 'registry');
  const server = spawn(process.execPath, [builds.at(-1)!.bin, 'serve'], {
    env: { ...process.env, REMIT_DB: db, PORT: '0', REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'error', REMIT_RUNTIME_DIR: registry },
    stdio: 'ignore',
  });
  while (!(existsSync(registry) && readdirSync(registry).some((f) => f.endsWith('.json')))) await new Promise((r) => setTimeout(r, 100));
  process.once('exit', () => server.kill('SIGTERM'));
  const commands = [
    { name: 'remit --help', args: '--help' },
    { name: 'remit ask --json (1k chunks)', args: `ask --json --no-server --db ${db} "${QUESTION}"` },
    { name: 'remit ask --json (1k chunks, remit serve running)', args: `ask --json --db ${db} "${QUESTION}"` },
  ];
  const cases = [{ name: 'node -e 0', line: `${process.execPath} -e 0` }, ...commands.flatMap((c) => builds.map((b) => ({ name: `${b.label}: ${c.name}`, line: `${process.execPath} ${b.bin} ${c.args}` })))];
  const samples = new Map<string, Sample>(cases.map((c) => [c.name, { wallMs: [], cpuMs: [] }]));
  const loads = [load()];
  for (let r = 0; r < rounds; r++) {
    // Each round runs every case back to back; the order rotates so no build always goes first.
    const order = cases.map((_, i) => cases[(i + r) % cases.length]!);
    const file = join(dir, `round-${r}.json`);
    await run('hyperfine', ['-N', '--warmup', '1', '--runs', String(runs), '--export-json', file, ...order.flatMap((c) => ['-n', c.name, c.line])], {
      env: { ...process.env, REMIT_RUNTIME_DIR: registry },
    });
    const { results } = JSON.parse(await readFile(file, 'utf8')) as { results: { command: string; times: number[]; user: number; system: number }[] };
    for (const result of results) {
      const sample = samples.get(result.command)!;
      sample.wallMs.push(...result.times.map((s) => s * 1000));
      // hyperfine reports CPU time as a mean per run: one figure per round, weighted by its runs.
      sample.cpuMs.push(...result.times.map(() => (result.user + result.system) * 1000));
    }
    loads.push(load());
    process.stderr.write(`round ${r + 1}/${rounds} done (load ${load()})\n`);
  }
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rows = [...samples].map(([name, s]) => ({ name, runs: s.wallMs.length, meanMs: round(mean(s.wallMs), 0), minMs: round(Math.min(...s.wallMs), 0), cpuMs: round(mean(s.cpuMs), 0) }));
  const report = {
    machine: { cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown', cores: cpus().length, node: process.version, date: new Date().toISOString() },
    loadAverage: { start: loads[0], end: loads.at(-1), perRound: loads },
    question: QUESTION,
    rounds,
    runsPerRound: runs,
    results: rows,
  };
  await writeFile(join(REPO_ROOT, 'bench/results', `${values.name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const table = ['| command | runs | mean ms | min ms | user+sys ms |', '|---|---:|---:|---:|---:|', ...rows.map((r) => `| ${r.name} | ${r.runs} | ${r.meanMs} | ${r.minMs} | ${r.cpuMs} |`)].join('\n');
  process.stdout.write(`${table}\n\nload average ${loads.join(' -> ')}; wrote bench/results/${values.name}.json\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
