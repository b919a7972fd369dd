// How long `remit ingest` takes on one large document, as a user runs it (a child process, the offline embedder), and
// its peak memory: the issue's repeated sentence at 96 KB to 10 MB, and a long report (the corpus explainers' bodies as
// numbered parts) at 600 KB and 10 MB. Prints a table and writes bench/results/large-document.json.
//
//   node --import tsx bench/large-document.ts [--quick]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/support/paths.js';
import { largeDocument } from '../test/support/large-document.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const CASES: { kind: 'repeated' | 'report'; bytes: number; ext: 'md' | 'txt' }[] = [
  { kind: 'repeated', bytes: 96_000, ext: 'md' },
  { kind: 'repeated', bytes: 192_000, ext: 'md' },
  { kind: 'repeated', bytes: 1_048_576, ext: 'md' },
  { kind: 'report', bytes: 600_000, ext: 'md' },
  ...(values.quick
    ? []
    : [
        { kind: 'repeated' as const, bytes: 10_485_760, ext: 'md' as const },
        { kind: 'repeated' as const, bytes: 10_485_760, ext: 'txt' as const },
        { kind: 'report' as const, bytes: 10_000_000, ext: 'md' as const },
      ]),
];

/** Runs `remit ingest` on one file; wall time and the peak resident memory read from /proc while it runs. */
function ingest(file: string, db: string): Promise<{ seconds: number; peakRssMb: number | null; chunks: number; code: number | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/remit.js'), 'ingest', file, '--db', db, '--json'], {
    env: { ...process.env, REMIT_EMBEDDER: 'hashing', LANCEDB_LOG: 'error' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  let peak: number | null = null;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const sample = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak ?? 0, Number(hwm[1]) / 1024);
    } catch {
      // Not Linux, or the child has exited.
    }
  }, 100);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearInterval(sample);
      const chunks = code === 0 ? (JSON.parse(stdout) as { chunks: number }).chunks : 0;
      resolve({ seconds: Number(((performance.now() - started) / 1000).toFixed(1)), peakRssMb: peak === null ? null : Math.round(peak), chunks, code });
    }),
  );
}

const work = await mkdtemp(join(tmpdir(), 'remit-large-'));
try {
  // One small ingest first, so the CLI bundle is built before anything is timed.
  await writeFile(join(work, 'warm.txt'), 'Ofcom can fine.');
  await ingest(join(work, 'warm.txt'), join(work, 'warm-db'));
  const results = [];
  for (const { kind, bytes, ext } of CASES) {
    const file = join(work, `${kind}-${bytes}.${ext}`);
    await writeFile(file, largeDocument(kind, bytes));
    const run = await ingest(file, join(work, `db-${kind}-${bytes}-${ext}`));
    results.push({ kind, ext, bytes, ...run });
    console.error(`${kind} ${ext} ${(bytes / 1e6).toFixed(2)} MB: ${run.seconds} s, ${run.chunks} chunks, peak ${run.peakRssMb} MB${run.code === 0 ? '' : `, exit ${run.code}`}`);
  }
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))), node: process.version };
  const report = { date: new Date().toISOString().slice(0, 10), machine, results };
  if (!values.quick) await writeFile(join(REPO_ROOT, 'bench/results/large-document.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('| document | size | `remit ingest` | chunks | peak RSS |\n| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.kind === 'repeated' ? '"Ofcom can fine. " repeated' : 'long report'} (.${r.ext}) | ${(r.bytes / 1e6).toFixed(2)} MB | ${r.seconds} s | ${r.chunks} | ${r.peakRssMb ?? '?'} MB |`);
  console.log(`\n${machine.cpu}, ${machine.cores} cores, load ${machine.load.join(' ')}, Node ${machine.node}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
