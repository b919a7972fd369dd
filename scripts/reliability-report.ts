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
  // Figures of the longer runs, from their latest results (scripts/kill-campaign.ts, bench/large-document.ts,
  // bench/upload-event-loop.ts).
  for (const name of ['kill-campaign', 'large-document', 'upload-event-loop-report', 'upload-event-loop-repeated']) {
    const path = join(REPO_ROOT, 'bench/results', `${name}.json`);
    if (existsSync(path)) figures[`bench:${name}`] = JSON.parse(await readFile(path, 'utf8'));
  }
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
  const campaign = f['bench:kill-campaign'];
  const large = f['bench:large-document'];
  const uploadBench = f['bench:upload-event-loop-report'];
  const offThread = f['upload-off-thread'];
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
    campaign
      ? `- **${campaign.kills} SIGKILLs** at random points of real \`remit\` processes writing one index (${campaign.byOperation.ingest} during an ingest replacing documents, ${campaign.byOperation.prune} during an \`ingest --prune\` with moved and deleted files, ${campaign.byOperation.upload} of a \`remit serve\` during an upload, with its ingest thread; \`scripts/kill-campaign.ts\`, ${campaign.date}, ${campaign.minutes} min at load ~${campaign.machine.load[0]}): ` +
        `after every kill the index opened whole and held exactly the documents before the operation (${campaign.served.before}x) or exactly those after it (${campaign.served.after}x): **${campaign.lost} lost, ${campaign.mixed} mixed**, and its committed powers table was the rules over exactly those documents every time (**${campaign.powersMismatches} mismatches**); ${campaign.completions} operations run to the end matched their result exactly (${campaign.documents} documents at the end).`
      : '- Kill campaign: no figures (run `node --import tsx scripts/kill-campaign.ts`).',
    kill
      ? `- In the suite (\`test/reliability/ingest-kill.test.ts\`): ${kill.kills} of those kills (${kill.byOperation.ingest} ingest, ${kill.byOperation.prune} prune, ${kill.byOperation.upload} upload), before ${kill.served.before}x, after ${kill.served.after}x, every check passed.`
      : '- Ingest kill test: no figures.',
    concurrent
      ? `- **${concurrent.queries} questions** (${concurrent.parallel} at a time) answered while ${concurrent.documentsIngested} documents were ingested into the same runtime (${concurrent.answeredDuringIngest} during the ingest): ${concurrent.failures} errors, every answer schema-valid with exact quotes.`
      : '',
    `- Index folder under /proc, below a file${faults.readOnly ? ', on a read-only and on a full tmpfs' : ''}; a missing model; truncated or reshaped state.json, a truncated data file, garbled manifests, a deleted table: each one line naming cause and fix, exit 1; \`--rebuild\` repaired every damaged index. ` +
      '`remit serve` on a damaged state.json exits once with the reason; a server whose files are damaged while it runs answers 503 `index_corrupt` with the fix.',
    faults.feedbackReadOnly ? `- An index folder that turns read-only under a running server: \`POST /api/feedback\` and \`/api/ingest\` answer ${faults.feedbackReadOnly}; questions are still answered.` : '',
    faults.fullDisk ? `  - full disk: \`${faults.fullDisk}\`` : '',
    faults.procDb ? `  - unwritable: \`${faults.procDb}\`` : '',
    '',
    '## Large inputs',
    '',
    large
      ? `\`remit ingest\` on one large document (\`bench/large-document.ts\`, ${large.date}, ${large.machine.cpu}, ${large.machine.cores} cores, load ~${large.machine.load[0]}): ` +
        large.results.map((r: any) => `${r.kind === 'repeated' ? '"Ofcom can fine. " repeated' : 'a long report'} (.${r.ext}, ${(r.bytes / 1e6).toFixed(2)} MB) **${r.seconds} s**, ${r.chunks} chunks, peak ${r.peakRssMb} MB`).join('; ') +
        '. Before: 96 KB 2 s, 192 KB 38.6 s, 1 MB > 300 s, 10 MB killed at 600 s (2.8 GB).'
      : 'No large-document figures (run `node --import tsx bench/large-document.ts`).',
    '',
    offThread
      ? `An upload of ${(offThread.uploadBytes / 1e6).toFixed(1)} MB (${offThread.chunks} chunks) to \`POST /api/ingest\` is ingested on a worker thread: while it ran the server's main thread was busy ${Math.round(offThread.mainThreadUtilization * 100)}% of the time and answered /healthz ${offThread.healthChecksDuringUpload} times; longest event-loop delay ${offThread.maxEventLoopDelayMs} ms (p99 ${offThread.p99EventLoopDelayMs} ms; in the suite, under vitest).` +
        (uploadBench ? ` \`bench/upload-event-loop.ts\` (${uploadBench.date}, load ~${uploadBench.machine.load[0]}): ${(uploadBench.characters / 1e6).toFixed(1)} MB report, upload ${uploadBench.uploadMs} ms, **longest event-loop delay ${uploadBench.maxEventLoopDelayMs} ms** (p99 ${uploadBench.p99EventLoopDelayMs} ms), /healthz p50 ${uploadBench.healthz.p50Ms} ms, max ${uploadBench.healthz.maxMs} ms. Before: /healthz waited up to 32.9 s behind a 600 KB upload.` : '')
      : '',
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
    ...FOUND_AND_FIXED,
    '',
  ];
  return `${lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n')}\n`;
}

/** What an independent test of the project found (issue 21) and how each was fixed; each fix has a test that failed before it. */
const FOUND_AND_FIXED = [
  '## Found and fixed (issue 21)',
  '',
  '- **Prune after a move lost documents** (exit 0, silent): a moved file was skipped as "same text as <old path>" before `--prune` removed the old path, so both went (1,400 of 2,126 documents at scale). A stored text given under another origin that this ingest vacates is now moved (its row takes the new origin; id, chunks and vectors stay). `--prune` keeps documents uploaded through `POST /api/ingest` unless `--prune-uploads`. Test: `test/prune.test.ts`.',
  '- **The powers table was outside the atomic commit**: `powers.json` was rebuilt ~6 s after `state.json` by reading every document back. Each document now stores its own power facts; every commit merges the table from them (no text read back) and `state.json` names it (`powers-<version>.json`), so it switches with the index. An index from before heals on the next ingest or when a server opens it. Tests: `test/powers-commit.test.ts`, the kill campaign above.',
  '- **Large documents blocked everything**: V8\'s `Intl.Segmenter` is quadratic over one long input; sentences are now found 2 KB windows at a time (same boundaries). Near-duplicate grouping compared a document\'s repeated passages with each other (quadratic), and merging a power\'s limits compared every pair. Uploads are ingested on a worker thread. Tests: `src/core/text/sentences.test.ts`, `src/core/ingest/dedup.test.ts`, `test/reliability/upload-off-thread.test.ts`.',
  '- **Dangerous URLs were stored and served**: only http(s) URLs are kept at ingest (front matter `url:` and `sources[].url` dropped with a warning naming the field; `/api/ingest` refuses its `url` field with 400), and none an older index holds is read out. Test: `test/http.test.ts`, `load-document.test.ts`.',
  '- **Read-only index folder**: `POST /api/feedback` answered 500; now 503 `index_unwritable` with the cause. Test: `test/reliability/faults.test.ts`.',
  '- **An index deleted and built again while serving** kept the server at 503 `index_corrupt`: a state is now told by its versions and build time, and another process\'s commit is read through fresh table handles. Test: `test/follow-index.test.ts`.',
  '- **Slow request bodies were held for 300 s**: request and header timeouts of 30 s and 10 s (`REMIT_REQUEST_TIMEOUT_MS`, `REMIT_HEADERS_TIMEOUT_MS`), answered 408. Test: `src/adapter/node/serve.test.ts`.',
  '- **SSRF**: `http://[::127.0.0.1]` (an IPv4-compatible IPv6 address) passed the guard; every IPv6 form that embeds an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo, ISATAP) is now judged by it. Test: `src/adapter/node/fetch-url.test.ts`.',
  '- **The kill test timed out at 120 s under load**: it now does a fixed amount of work (6 kills across ingest, prune and upload), with a timeout that only guards against a hang.',
  '- **Powers cards cited sentences that do not state the field** ("decided by: regulator" read from "Ofcom\'s fines"; an audit power read from what a provider fails at). Test: `test/powers-quotes.test.ts` checks every field\'s quotes over `corpus/`.',
];
