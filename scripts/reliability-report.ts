// Reruns the reliability suite (faults, fuzzing, malformed files, SSRF, injection) and a soak, then writes the figures
// to docs/reliability.md and prints them. Anyone can rerun it:
//
//   node --import tsx scripts/reliability-report.ts              # suite + a 1-minute soak
//   node --import tsx scripts/reliability-report.ts --soak 10    # suite + a 10-minute soak
//   node --import tsx scripts/reliability-report.ts --soak last  # suite + the last soak on disk (bench/results)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSoak, type SoakResult, writeSoakResult } from '../bench/soak.js';
import { REPO_ROOT } from '../test/support/paths.js';
import { FIGURES_DIR_VAR } from '../test/reliability/support/figures.js';

const SUITE = ['test/reliability', 'src/adapter/node/fetch-url.test.ts', 'src/adapter/node/make-dir.test.ts'];

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
}

const { values } = parseArgs({ options: { soak: { type: 'string', default: '1' } } });
const work = await mkdtemp(join(tmpdir(), 'remit-reliability-'));
try {
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', ...SUITE, '--reporter=json', `--outputFile=${join(work, 'vitest.json')}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, [FIGURES_DIR_VAR]: join(work, 'figures') },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const suiteSeconds = Math.round((Date.now() - started) / 1000);
  const vitest = JSON.parse(await readFile(join(work, 'vitest.json'), 'utf8')) as VitestReport;
  const figures = await readFigures(join(work, 'figures'));
  const soak = await soakFigures(values.soak!);
  const markdown = render(vitest, figures, soak, suiteSeconds);
  await writeFile(join(REPO_ROOT, 'docs/reliability.md'), markdown);
  console.log(markdown);
  console.log('wrote docs/reliability.md');
  process.exitCode = run.status === 0 && vitest.numFailedTests === 0 && (soak?.passed ?? true) ? 0 : 1;
} finally {
  await rm(work, { recursive: true, force: true });
}

async function readFigures(dir: string): Promise<Record<string, any>> {
  if (!existsSync(dir)) return {};
  const entries = await Promise.all((await readdir(dir)).map(async (f) => [f.replace(/\.json$/, ''), JSON.parse(await readFile(join(dir, f), 'utf8'))]));
  return Object.fromEntries(entries);
}

async function soakFigures(flag: string): Promise<SoakResult | undefined> {
  if (flag === 'last') {
    const dir = join(REPO_ROOT, 'bench/results');
    const runs = (await readdir(dir)).filter((f) => /^soak-[\d.]+m\.json$/.test(f));
    const results = await Promise.all(runs.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as SoakResult));
    return results.sort((a, b) => b.date.localeCompare(a.date))[0];
  }
  const result = await runSoak({ minutes: Number(flag), log: (line) => console.error(line) });
  await writeSoakResult(result);
  return result;
}

function render(vitest: VitestReport, f: Record<string, any>, soak: SoakResult | undefined, suiteSeconds: number): string {
  const count = (file: string) => vitest.testResults.find((r) => r.name.endsWith(file))?.assertionResults.filter((a) => a.status === 'passed').length ?? 0;
  const kill = f['ingest-kill'];
  const http = f['fuzz-http'];
  const ask = f['fuzz-http-ask'];
  const cli = f['fuzz-cli'];
  const files = f['malformed-files'];
  const concurrent = f['concurrent-ingest'];
  const faults = f.faults ?? {};
  const soakRows = soak
    ? soak.routes.map((r) => `| ${r.route} | ${r.requests.toLocaleString('en-GB')} | ${r.p50Ms} | ${r.p99Ms} | ${r.status5xx} |`).join('\n')
    : '| (no soak run) | | | | |';
  const lines = [
    '# Reliability',
    '',
    `Produced by \`node --import tsx scripts/reliability-report.ts\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}). ` +
      `Suite: ${vitest.numPassedTests}/${vitest.numTotalTests} tests passed${vitest.numPendingTests ? `, ${vitest.numPendingTests} skipped` : ''} in ${suiteSeconds} s.`,
    '',
    '## Load held',
    '',
    soak
      ? `A real \`remit serve\` on loopback over ${soak.index.documents} documents for ${soak.minutes} min, mixed traffic from autocannon (asks flat out on 4 connections, sources 20/s, health 100/s), rate limit off: ` +
        `**${soak.total.requests.toLocaleString('en-GB')} requests, ${soak.total.status5xx} 5xx, ${soak.total.errors} errors**; RSS ${soak.rss.baselineMb} MB after ${soak.rss.warmupSeconds} s warm-up -> ${soak.rss.finalMb} MB at the end (**${(soak.rss.growth * 100).toFixed(1)}% growth**, limit 10%).`
      : 'No soak result.',
    '',
    '| route | requests | p50 ms | p99 ms | 5xx |',
    '| --- | ---: | ---: | ---: | ---: |',
    soakRows,
    '',
    '## Faults survived',
    '',
    kill
      ? `- **${kill.kills} SIGKILLs** of a real \`remit ingest\` (${kill.documents} synthetic articles, seeded random points): every time the index opened whole, ` +
        `serving the previous state ${kill.oldServed}x and the new one ${kill.newServed}x, never a mix (listing, counts and a cited answer agreed); the next ingest completed it (${kill.completions} completing runs checked).`
      : '- Ingest kill test: no figures.',
    concurrent
      ? `- **${concurrent.queries} questions** (${concurrent.parallel} at a time) answered while ${concurrent.documentsIngested} documents were ingested into the same runtime (${concurrent.answeredDuringIngest} during the ingest): ${concurrent.failures} errors, every answer schema-valid with exact quotes.`
      : '',
    `- Index folder under /proc, below a file${faults.readOnly ? ', on a read-only and on a full tmpfs' : ''}; a missing model; truncated or reshaped state.json, a truncated data file, garbled manifests, a deleted table: each one line naming cause and fix, exit 1; \`--rebuild\` repaired every damaged index. ` +
      '`remit serve` on a damaged state.json exits once with the reason; a server whose files are damaged while it runs answers 503 `index_corrupt` with the fix.',
    faults.fullDisk ? `  - full disk: \`${faults.fullDisk}\`` : '',
    faults.procDb ? `  - unwritable: \`${faults.procDb}\`` : '',
    '',
    '## Inputs tried',
    '',
    http ? `- HTTP fuzzing (fast-check, real app): **${http.requests} random requests** (methods, paths, content types, binary, 200 KB and 50k-deep JSON, odd Unicode) -> statuses ${JSON.stringify(http.statuses)}, **0 5xx**.` : '',
    ask ? `- ${ask.asks} random JSON and SSE asks: ${ask.answered} answered (every answer keeps the contract), ${ask.rejected} refused with 400.` : '',
    cli ? `- CLI fuzzing: **${cli.commandLines} random command lines** -> exit codes ${JSON.stringify(cli.exits)}, no uncaught exceptions or stack traces.` : '',
    files ? `- Malformed files: ${files.files} files in one folder; ${Object.keys(files.skipped).length} skipped with a reason (binary, control bytes, empty, blank, Latin-1, UTF-16, over 10 MB, .pdf, no extension, markup only, a FIFO), ${files.ingested} ingested including ${files.hostileHtmlIngested.length} hostile HTML pages read as data.` : '',
    `- URL ingestion SSRF guard: ${count('fetch-url.test.ts')} cases (loopback, RFC 1918, link-local/metadata, CGNAT, 0/8, multicast, IPv6 and IPv4-mapped forms, encoded IP literals, redirects to loopback, DNS answers mixing public and private, pinning, size and time caps), all loopback-only.`,
    `- Injected instructions: ${count('injection.test.ts')} tests; fake [n] markers in sources never become answer markers; Claude requests keep document text inside search_result blocks.`,
    '',
    '## Nothing lost',
    '',
    'Every kill, full disk and damaged file above left an index that served a whole committed state or said exactly how to rebuild it; no run mixed states or dropped a committed document.',
    '',
  ];
  return `${lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n')}\n`;
}

