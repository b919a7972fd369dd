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
  sizes: { size: number; loadAtStart: number; remit?: Loose; orama?: Loose }[];
  steps: { threshold?: Loose; eval?: Loose; http?: Loose; mcp?: Loose; transformers?: Loose; profile?: Loose };
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
    '**Remit** (hashing embedder, 512 dims, passages encoded on worker threads; "ANN" = IVF_HNSW_SQ index, "exact" = flat scan of the same table; below the index threshold of 2,000 rows both are an exact search over the vectors held in memory; hybrid and ask as served, with the read cache)',
    '',
    table(
      ['chunks', 'load', 'ingest chunks/s', 'of which ANN build s', 'embed only chunks/s', 'index MB', 'RSS after ingest MB', 'peak RSS MB', 'vector exact', 'vector ANN', 'vector recall@10', 'text', 'hybrid exact', 'hybrid ANN', 'hybrid recall@10', 'ask (extractive)'],
      report.sizes.map(({ size, loadAtStart, remit: r }) => [
        sizeLabel(size),
        loadAtStart,
        num(r?.ingestChunksPerSec),
        r ? round(r.annBuildMs / 1000, 1) : '-',
        num(r?.embedChunksPerSec),
        num(r?.indexMb),
        num(r?.rssAfterIngestMb),
        num(r?.peakRssMb),
        lat(r?.retrieval?.vector?.exact),
        lat(r?.retrieval?.vector?.approximate),
        num(r?.retrieval?.vector?.recallAt10),
        lat(r?.retrieval?.text?.approximate),
        lat(r?.retrieval?.hybrid?.exact),
        lat(r?.retrieval?.hybrid?.approximate),
        num(r?.retrieval?.hybrid?.recallAt10),
        lat(r?.ask),
      ]),
    ),
    '',
    '**Remit vs Orama** (same chunks, same vectors; Orama hybrid with default weights, vector similarity floor 0.2). Ratios are Remit / Orama: below 1 Remit is faster or smaller.',
    '',
    table(
      ['chunks', 'Remit hybrid', 'Orama hybrid', 'latency ratio (p50)', 'Remit ingest s', 'Orama ingest s', 'ingest ratio', 'Remit peak RSS MB', 'Orama peak RSS MB', 'memory ratio'],
      report.sizes.map(({ size, remit: r, orama: o }) => [
        sizeLabel(size),
        lat(r?.retrieval?.hybrid?.approximate),
        lat(o?.hybrid),
        ratio(r?.retrieval?.hybrid?.approximate?.p50Ms, o?.hybrid?.p50Ms),
        r ? round(r.ingestMs / 1000, 1) : '-',
        o ? round(o.ingestMs / 1000, 1) : '-',
        ratio(r?.ingestMs, o?.ingestMs),
        num(r?.peakRssMb),
        num(o?.peakRssMb),
        ratio(r?.peakRssMb, o?.peakRssMb),
      ]),
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
  const failures = [...Object.entries(report.steps), ...report.sizes.flatMap((s) => [[`remit ${sizeLabel(s.size)}`, s.remit], [`orama ${sizeLabel(s.size)}`, s.orama]] as const)]
    .filter(([, value]) => value?.failed)
    .map(([name, value]) => `- ${name} failed: ${String(value!.failed).split('\n')[0]}`);
  if (failures.length) parts.push('', '**Failed steps**', '', ...failures);
  const [threshold, quality, http, mcp, transformers, profile] = [report.steps.threshold, report.steps.eval, report.steps.http, report.steps.mcp, report.steps.transformers, report.steps.profile].map(ok);
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
  if (profile) {
    parts.push(
      '',
      `**Profile** of the slowest stage, ${profile.stage} (${profile.totalMs} ms on the main thread, corpus generation included; native LanceDB work and the passage-encoding worker threads are not in its frames):`,
      '',
      table(['frame', 'self ms', 'share'], profile.frames.map((f: Loose) => [`\`${f.frame}\``, f.selfMs, f.share])),
    );
  }
  return `${parts.join('\n')}\n`;
}

/** The issue's targets, each with the measured figure and whether it was met. */
export function renderTargets(report: BenchReport): string {
  const largest = report.sizes.at(-1);
  const r = largest?.remit;
  const o = largest?.orama;
  const label = largest ? sizeLabel(largest.size) : '-';
  const checks: [string, number | undefined, (v: number) => boolean][] = [
    [`hybrid p50 < 20 ms at ${label}`, r?.retrieval?.hybrid?.approximate?.p50Ms, (v) => v < 20],
    [`hybrid recall@10 >= 0.95 of exact at ${label}`, r?.retrieval?.hybrid?.recallAt10, (v) => v >= 0.95],
    [`vector recall@10 >= 0.95 of exact at ${label}`, r?.retrieval?.vector?.recallAt10, (v) => v >= 0.95],
    [`offline ask p50 < 50 ms at ${label}`, r?.ask?.p50Ms, (v) => v < 50],
    [`hashing ingest > 2000 chunks/s at ${label} (ANN build included)`, r?.ingestChunksPerSec, (v) => v > 2000],
    [`hashing ingest > 2000 chunks/s at ${label} (ANN build excluded)`, r?.ingestWithoutAnnChunksPerSec, (v) => v > 2000],
    [`Remit hybrid p50 <= Orama's at ${label} (ratio)`, r?.retrieval && o?.hybrid ? Number((r.retrieval.hybrid.approximate.p50Ms / o.hybrid.p50Ms).toPrecision(2)) : undefined, (v) => v <= 1],
    ['POST /api/ask > 300 requests/s at 1k, every question new', report.steps.http?.ask?.requestsPerSecond, (v) => v > 300],
    ['POST /api/ask > 300 requests/s at 1k, repeated questions (answer cache)', report.steps.http?.repeated?.requestsPerSecond, (v) => v > 300],
  ];
  return ['Targets:', ...checks.map(([name, value, ok]) => `  ${value === undefined ? '?' : ok(value) ? 'met   ' : 'MISSED'} ${name}: ${num(value)}`)].join('\n');
}
