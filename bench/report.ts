// Renders a bench run as Markdown tables (bench/results/README-table.md) and checks the issue's targets.
import { round, sizeLabel } from './lib/measure.js';

type Latency = { p50Ms: number; p99Ms: number };
/** Child results are JSON; fields are read loosely and shown as "-" when a step was skipped. */
type Loose = Record<string, any>;

export interface BenchReport {
  machine: { cpu: string; cores: number; ramGb: number; node: string; date: string };
  loadAverage: { start: number; end: number };
  /** Parts measured again after the run (same machine), and why. */
  remeasured?: string;
  sizes: { size: number; loadAtStart: number; remit?: Loose; pglite?: Loose; orama?: Loose }[];
  steps: { threshold?: Loose; long?: Loose; eval?: Loose; http?: Loose; mcp?: Loose; transformers?: Loose; profile?: Loose; startup?: Loose };
}

/**
 * PGlite's run at the smallest ef_search whose recall is at least Remit's (the comparison at equal or better recall),
 * else its best recall.
 */
export function pgliteAtRemitRecall(pglite?: Loose, remitRecall?: number): Loose | undefined {
  const sweep: Loose[] = pglite?.sweep ?? [];
  if (sweep.length === 0) return undefined;
  const enough = sweep.filter((run) => remitRecall !== undefined && run.recallAt10 >= remitRecall).sort((a, b) => a.efSearch - b.efSearch);
  return enough[0] ?? [...sweep].sort((a, b) => b.recallAt10 - a.recallAt10 || a.hybrid.p50Ms - b.hybrid.p50Ms)[0];
}

const lat = (l?: Latency) => (l ? `${l.p50Ms} / ${l.p99Ms}` : '-');
const num = (n?: number) => (n === undefined || n === null ? '-' : String(n));
const ratio = (a?: number, b?: number) => (a && b ? String(Number((a / b).toPrecision(2))) : '-');
const row = (cells: unknown[]) => `| ${cells.map((c) => String(c ?? '-')).join(' | ')} |`;
const table = (head: string[], rows: unknown[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const parts = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, ${machine.date.slice(0, 10)}. ` +
      `1-min load average ${report.loadAverage.start} at start, ${report.loadAverage.end} at end (the machine is shared; latencies are p50 / p99 in ms).` +
      (report.remeasured ? ` Measured again after the run: ${report.remeasured}` : ''),
    '',
    '**Remit** (hashing embedder, 512 dims, passages encoded on worker threads; "ANN" = IVF_HNSW_SQ index, "exact" = flat scan of the same table; below the index threshold of 2,000 rows both are an exact search over the vectors held in memory; hybrid and ask as served, with the read cache). Ingest is timed to the commit (searchable, by exact search) and to the vector index built after it; "ingest chunks/s" includes the build.',
    '',
    table(
      ['chunks', 'load', 'ingest chunks/s', 'committed chunks/s', 'of which ANN build s', 'embed only chunks/s', 'index MB', 'vector exact', 'vector ANN', 'vector recall@10', 'text', 'hybrid exact', 'hybrid ANN', 'hybrid recall@10', 'ask (extractive)', 'questions'],
      report.sizes.map(({ size, loadAtStart, remit: r }) => [
        sizeLabel(size),
        loadAtStart,
        num(r?.ingestChunksPerSec),
        num(r?.committedChunksPerSec),
        r?.annBuildMs !== undefined ? round(r.annBuildMs / 1000, 1) : '-',
        num(r?.embedChunksPerSec),
        num(r?.indexMb),
        lat(r?.retrieval?.vector?.exact),
        lat(r?.retrieval?.vector?.approximate),
        num(r?.retrieval?.vector?.recallAt10),
        lat(r?.retrieval?.text?.approximate),
        lat(r?.retrieval?.hybrid?.exact),
        lat(r?.retrieval?.hybrid?.approximate),
        num(r?.retrieval?.hybrid?.recallAt10),
        lat(r?.ask),
        num(r?.queries),
      ]),
    ),
    '',
    '**Memory** (peak RSS, each in its own process). Ingest: the synthetic corpus in memory (the input), then the ingest as the CLI runs it, vector index build included; "base" is the process with Node, the modules and the corpus loaded. Serve: an index opened as `remit serve` opens it, on a thread with the heap limit `remit serve` derives from its caches (serve-heap.ts), warmed, then every question answered (extractive, no answer cache); "base" is Node and the server\'s modules. "x raw" is peak RSS over the raw vectors (chunks x 512 x 4 bytes).',
    '',
    table(
      ['chunks', 'raw vectors MB', 'ingest base MB', 'ingest peak MB', 'ingest x raw', 'ingest growth x raw', 'serve base MB', 'serve peak MB', 'serve x raw', 'serve growth x raw', 'serve warm-up ms'],
      report.sizes.map(({ size, remit: r }) => {
        const m = r?.memory;
        return [
          sizeLabel(size),
          num(m?.rawVectorsMb),
          num(m?.ingest?.baseRssMb),
          num(m?.ingest?.peakRssMb),
          num(m?.ingest?.ofRawVectors),
          num(m?.ingest?.growthOfRawVectors),
          num(m?.serve?.baseRssMb),
          num(m?.serve?.peakRssMb),
          num(m?.serve?.ofRawVectors),
          num(m?.serve?.growthOfRawVectors),
          num(m?.serve?.warmMs),
        ];
      }),
    ),
    '',
    '**Remit, PGlite and Orama side by side** (same chunks, same vectors, same questions; latency includes embedding the question). PGlite: Postgres 17 in WebAssembly with pgvector HNSW (m 16, ef_construction 64) and full-text search (ts_rank over the question\'s lexemes ORed), the two lists of 40 fused by Remit\'s RRF (k = 60); shown at the smallest ef_search whose recall@10 (of its own exact hybrid) is at least Remit\'s. Orama: hybrid with default weights, vector similarity floor 0.2. Ratios are Remit / peer: below 1 Remit is faster or smaller. Memory: Remit\'s ingest process against each peer\'s whole process (it ingests and serves in one).',
    '',
    table(
      ['chunks', 'Remit hybrid', 'Remit recall@10', 'PGlite hybrid', 'PGlite recall@10 (ef_search)', 'Orama hybrid', 'latency vs PGlite', 'latency vs Orama', 'Remit ingest s', 'PGlite ingest s', 'Orama ingest s', 'ingest vs PGlite', 'Remit peak MB', 'PGlite peak MB', 'Orama peak MB', 'memory vs PGlite'],
      report.sizes.map(({ size, remit: r, pglite: p, orama: o }) => {
        const remitRecall = r?.retrieval?.hybrid?.recallAt10;
        const pg = pgliteAtRemitRecall(p, remitRecall);
        const peer = (x?: Loose, value?: unknown) => (x?.notRun ? 'not run' : x?.failed ? 'failed' : value);
        return [
          sizeLabel(size),
          lat(r?.retrieval?.hybrid?.approximate),
          num(remitRecall),
          peer(p, lat(pg?.hybrid)),
          peer(p, pg ? `${pg.recallAt10} (${pg.efSearch})` : '-'),
          peer(o, lat(o?.hybrid)),
          ratio(r?.retrieval?.hybrid?.approximate?.p50Ms, pg?.hybrid?.p50Ms),
          ratio(r?.retrieval?.hybrid?.approximate?.p50Ms, o?.hybrid?.p50Ms),
          r?.ingestMs !== undefined ? round(r.ingestMs / 1000, 1) : '-',
          peer(p, p?.ingestMs !== undefined ? round(p.ingestMs / 1000, 1) : '-'),
          peer(o, o?.ingestMs !== undefined ? round(o.ingestMs / 1000, 1) : '-'),
          ratio(r?.ingestMs, p?.ingestMs),
          num(r?.peakRssMb),
          peer(p, num(p?.peakRssMb)),
          peer(o, num(o?.peakRssMb)),
          ratio(r?.peakRssMb, p?.peakRssMb),
        ];
      }),
    ),
  ];
  parts.push(
    '',
    '**Where a retrieve spends its time** (raw store calls, no read cache: searches rank k=40 candidates without reading their text, look-ups take the top 10 of a vector search; hybrid runs vector and text together, then reads the chunks it keeps, then the look-ups; shared groups are held in memory):',
    '',
    table(
      ['chunks', 'searchVector ANN', 'searchVector exact', 'searchText', 'readChunks', 'sharedGroupMembers', 'getDocumentMeta', 'getDocument'],
      report.sizes.map(({ size, remit: r }) => [sizeLabel(size), lat(r?.rawVector?.approximate), lat(r?.rawVector?.exact), lat(r?.rawText), lat(r?.lookups?.readChunks), lat(r?.lookups?.sharedGroupMembers), lat(r?.lookups?.getDocumentMeta), lat(r?.lookups?.getDocument)]),
    ),
  );
  const ok = (value?: Loose) => (value && !value.failed ? value : undefined);
  const failures = [...Object.entries(report.steps), ...report.sizes.flatMap((s) => [[`remit ${sizeLabel(s.size)}`, s.remit], [`pglite ${sizeLabel(s.size)}`, s.pglite], [`orama ${sizeLabel(s.size)}`, s.orama]] as const)]
    .filter(([, value]) => value?.failed)
    .map(([name, value]) => `- ${name} failed: ${String(value!.failed).split('\n')[0]}`);
  if (failures.length) parts.push('', '**Failed steps**', '', ...failures);
  const [threshold, quality, http, mcp, transformers, profile, long, startup] = [report.steps.threshold, report.steps.eval, report.steps.http, report.steps.mcp, report.steps.transformers, report.steps.profile, report.steps.long, report.steps.startup].map(ok);
  if (long) {
    parts.push(
      '',
      '**Long documents** (one .txt file ingested as `remit ingest` does: loaded, then its power facts extracted, chunked, embedded and stored with the powers table; "repeated" is "Ofcom can fine. " over and over, "report" the project\'s explainers as numbered parts; a run stopped by the time limit shows the phases it finished):',
      '',
      table(
        ['document', 'MB', 'chunks', 'load s', 'ingest s', 'total s', 'peak RSS MB'],
        long.rows.map((r: Loose) => {
          const s = (ms?: number) => (ms === undefined ? '-' : round(ms / 1000, 1));
          if (r.didNotFinishS) {
            const phase = (name: string) => (r.phases?.[name] === undefined ? `did not finish in ${r.didNotFinishS} s` : s(r.phases[name]));
            return [r.kind, r.bytes / 1e6, '-', phase('load'), phase('ingest'), `did not finish in ${r.didNotFinishS} s`, '-'];
          }
          return [r.kind, r.bytes / 1e6, r.chunks, s(r.loadMs), s(r.ingestMs), s(r.totalMs), r.peakRssMb];
        }),
      ),
    );
  }
  if (startup) {
    parts.push('', `**CLI start-up** (hyperfine, ${startup.runs} runs after ${startup.warmup} warm-ups, \`${startup.command}\` against a ${startup.size}-chunk index): mean ${startup.meanMs} ms (σ ${startup.stddevMs} ms), min ${startup.minMs} ms, CPU (user + system) ${startup.cpuMs} ms.`);
  }
  if (quality) {
    parts.push(
      '',
      `**Eval recall@10** on the real corpus (${quality.documents} documents, ${quality.chunks} chunks, ${quality.cases} answerable questions from ${quality.datasets.join(' + ')}): ` +
        `Remit ${quality.remit.recallAt10} (hybrid ${lat(quality.remit.hybrid)}), Orama ${quality.orama.recallAt10} (hybrid ${lat(quality.orama.hybrid)}).`,
    );
  }
  if (threshold) {
    parts.push(
      '',
      `**ANN threshold**: vector search (k=40) as LanceDB's flat scan, as an exact search over the vectors held in memory (what the store does below its threshold) and with the index, same queries. Crossover of flat and index (index faster from here on): ${num(threshold.crossover)} rows; the store builds the index from ${num(threshold.storeMinRows)} rows (policy default; ef ${num(threshold.query?.ef)}, refine factor ${num(threshold.query?.refineFactor)}). ` +
        'Below that threshold the store also searches text in memory (BM25 with the index\'s analyzer, the same scores): the text columns time LanceDB\'s full-text search (k=40) against it, and the in-memory index\'s build, paid once per commit.',
      '',
      table(
        ['rows', 'flat', 'in memory', 'ANN', 'recall@10', 'build ms', 'text: LanceDB', 'text: in memory', 'text build ms'],
        threshold.rows.map((r: Loose) => [
          sizeLabel(r.size),
          lat(r.flat),
          lat(r.inMemory),
          lat(r.ann),
          r.recallAt10,
          r.buildMs,
          r.text ? lat(r.text.lance) : 'n/a',
          r.text ? lat(r.text.inMemory) : 'n/a',
          r.text ? r.text.inMemoryBuildMs : 'n/a',
        ]),
      ),
    );
  }
  const incremental = report.sizes.filter((s) => s.remit?.incremental);
  if (incremental.length) {
    parts.push(
      '',
      '**Incremental ingest** (+1% new documents into the built index; optimize() folds them into both indices):',
      '',
      table(
        ['chunks', 'added', 'commit ms', 'text index unindexed rows', 'vector index unindexed rows'],
        incremental.map(({ size, remit: r }) => [sizeLabel(size), r!.incremental.chunks, r!.incremental.ms, num(r!.incremental.text?.numUnindexedRows), r!.incremental.vector ? r!.incremental.vector.numUnindexedRows : 'no index']),
      ),
    );
  }
  if (http) {
    const row = (f: Loose) => `${f.requestsPerSecond} requests/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.non2xx} non-2xx`;
    parts.push(
      '',
      `**HTTP** POST /api/ask at ${sizeLabel(http.size)} chunks (extractive, ${http.connections} connections, ${http.duration} s each, the server as \`remit serve\` in its own process, autocannon in another on the same 2 cores):`,
      `every request a new question (${http.distinctQuestions ?? '?'} distinct, each answered in full): ${row(http.ask)}; ` +
        (http.repeated ? `20 questions asked over and over (answer cache): ${row(http.repeated)}.` : ''),
    );
  }
  if (mcp) {
    parts.push(
      '',
      `**MCP** \`ask\` tool calls at ${sizeLabel(mcp.size)} chunks (extractive; one client, one call at a time, ${mcp.calls} new questions each way, interleaved; \`remit mcp\` and \`remit serve\` in their own processes):`,
      '',
      table(
        ['way', 'p50', 'p99', 'server time p50', 'p50 / POST /api/ask'],
        mcp.rows.map((r: Loose) => [r.way, `${r.p50Ms} ms`, `${r.p99Ms} ms`, `${r.serverP50Ms} ms`, r.p50VsApi]),
      ),
    );
  }
  if (transformers) {
    parts.push('', `**Transformers path** (${transformers.model}): ingest ${transformers.ingestChunksPerSec} chunks/s at ${sizeLabel(transformers.size)}; embedding only by batch size: ${transformers.batches.map((b: Loose) => `${b.batchSize}: ${b.embedChunksPerSec}/s`).join(', ')}.`);
  }
  if (profile?.tool === 'perf') {
    const shares = (list: Loose[], key: string) => list.map((x) => `${x[key]} ${Math.round(x.share * 100)}%`).join(', ');
    parts.push(
      '',
      `**Profile** of the slowest stage, ${profile.stage}, every thread sampled with perf (${profile.samples} samples at 499 Hz, ~${Math.round(profile.samples / 499)} CPU-s; committed in ${round(profile.ingest.commitMs / 1000, 1)} s, then the vector index in ${round(profile.ingest.annBuildMs / 1000, 1)} s). By thread: ${shares(profile.threads, 'thread')} ("node" is the main thread and the encoding workers, "tokio-rt-worker" and "lance-cpu" LanceDB's). By library: ${shares(profile.libraries, 'library')} ("[JIT]" is JavaScript). The symbols with the most samples:`,
      '',
      table(['library', 'symbol', 'share'], profile.frames.map((f: Loose) => [f.library, `\`${f.frame.replaceAll('|', '\\|')}\``, f.share])),
    );
  } else if (profile) {
    parts.push(
      '',
      `**Profile** of the slowest stage, ${profile.stage} (${profile.totalMs} ms on the main thread, corpus generation included; native LanceDB work and the passage-encoding worker threads are not in its frames):`,
      '',
      table(['frame', 'self ms', 'share'], profile.frames.map((f: Loose) => [`\`${f.frame}\``, f.selfMs, f.share])),
    );
  }
  return `${parts.join('\n')}\n`;
}

/** The issues' targets, each with the measured figure and whether it was met ("?" when the run did not measure it). */
export function renderTargets(report: BenchReport): string {
  const at = (size: number) => report.sizes.find((s) => s.size === size);
  const r100k = at(100_000)?.remit;
  const r1m = at(1_000_000)?.remit;
  const largest = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => typeof v === 'number');
    return known.length ? Math.max(...known) : undefined;
  };
  const pgliteRatios = report.sizes.map(({ remit: r, pglite: p }) => {
    const pg = pgliteAtRemitRecall(p, r?.retrieval?.hybrid?.recallAt10);
    // Equal or better recall: a PGlite run below Remit's recall does not count as a win for PGlite.
    return pg && r?.retrieval ? r.retrieval.hybrid.approximate.p50Ms / pg.hybrid.p50Ms : undefined;
  });
  const longRows: Loose[] = report.steps.long?.rows ?? [];
  const tenMb = longRows.filter((row) => row.bytes >= 10_000_000);
  const o100k = at(100_000)?.orama;
  const checks: [string, number | undefined, (v: number) => boolean][] = [
    ['hybrid p50 < 20 ms at 100k', r100k?.retrieval?.hybrid?.approximate?.p50Ms, (v) => v < 20],
    ['hybrid recall@10 >= 0.95 of exact at 100k', r100k?.retrieval?.hybrid?.recallAt10, (v) => v >= 0.95],
    ['offline ask p50 < 50 ms at 100k', r100k?.ask?.p50Ms, (v) => v < 50],
    ['hashing ingest > 2000 chunks/s at 100k (vector index build included)', r100k?.ingestChunksPerSec, (v) => v > 2000],
    ['hybrid p50 < 30 ms at 1M', r1m?.retrieval?.hybrid?.approximate?.p50Ms, (v) => v < 30],
    ['hybrid recall@10 >= 0.95 of exact at 1M', r1m?.retrieval?.hybrid?.recallAt10, (v) => v >= 0.95],
    ['hashing ingest >= 2500 chunks/s at 1M (vector index build included)', r1m?.ingestChunksPerSec, (v) => v >= 2500],
    ...report.sizes.flatMap(({ size, remit: r }): [string, number | undefined, (v: number) => boolean][] => [
      [`ingest peak RSS <= 3x the raw vectors at ${sizeLabel(size)} (ratio; growth past the base ${num(r?.memory?.ingest?.growthOfRawVectors)})`, r?.memory?.ingest?.ofRawVectors, (v) => v <= 3],
      [`serving peak RSS <= 3x the raw vectors at ${sizeLabel(size)} (ratio; growth past the base ${num(r?.memory?.serve?.growthOfRawVectors)})`, r?.memory?.serve?.ofRawVectors, (v) => v <= 3],
    ]),
    ['Remit hybrid p50 <= PGlite\'s at equal or better recall, every size (largest ratio)', largest(pgliteRatios), (v) => v <= 1],
    ['Remit hybrid p50 <= Orama\'s at 100k (ratio)', r100k?.retrieval && o100k?.hybrid ? r100k.retrieval.hybrid.approximate.p50Ms / o100k.hybrid.p50Ms : undefined, (v) => v <= 1],
    ['a 10 MB document ingested in < 10 s (slowest kind, s)', tenMb.length ? largest(tenMb.map((row) => (row.didNotFinishS ? Infinity : row.totalMs / 1000))) : undefined, (v) => v < 10],
    ['`remit ask --json` start-up < 300 ms at 1k (mean)', report.steps.startup?.meanMs, (v) => v < 300],
    ['POST /api/ask > 300 requests/s at 1k, every question new', report.steps.http?.ask?.requestsPerSecond, (v) => v > 300],
    ['POST /api/ask > 300 requests/s at 1k, repeated questions (answer cache)', report.steps.http?.repeated?.requestsPerSecond, (v) => v > 300],
  ];
  const shown = (v?: number) => (v === undefined ? '-' : Number.isFinite(v) ? String(Number(v.toPrecision(3))) : 'did not finish');
  return ['Targets:', ...checks.map(([name, value, ok]) => `  ${value === undefined ? '?     ' : ok(value) ? 'met   ' : 'MISSED'} ${name}: ${shown(value)}`)].join('\n');
}
