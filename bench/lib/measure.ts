// Small measuring tools shared by the bench scripts: percentiles, timed loops, recall, folder sizes, child results.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  n: number;
}

/** Runs `run` once per input after `warmUp` untimed calls; returns the latency percentiles and each call's result. */
export async function timeEach<I, R>(inputs: readonly I[], run: (input: I) => Promise<R>, warmUp = 10): Promise<{ latency: Latency; results: R[] }> {
  for (const input of inputs.slice(0, warmUp)) await run(input);
  const samples: number[] = [];
  const results: R[] = [];
  for (const input of inputs) {
    const started = performance.now();
    results.push(await run(input));
    samples.push(performance.now() - started);
  }
  return { latency: { p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), n: samples.length }, results };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

/** Mean share of each exact top list found in the approximate list of the same query. */
export function recallAt(approximate: readonly (readonly string[])[], exact: readonly (readonly string[])[], k = 10): number {
  let found = 0;
  let wanted = 0;
  exact.forEach((truth, i) => {
    const top = new Set(truth.slice(0, k));
    wanted += top.size;
    found += approximate[i]!.slice(0, k).filter((id) => top.has(id)).length;
  });
  return wanted === 0 ? 1 : round(found / wanted, 3);
}

export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Peak resident set size of this process so far, in MB (maxRSS is in kilobytes). */
export const peakRssMb = (): number => round(process.resourceUsage().maxRSS / 1024, 0);

/** Resident set size of this process now, in MB. */
export const rssMb = (): number => round(process.memoryUsage().rss / 1024 / 1024, 0);

/** MB of `chunks` float32 vectors of `dimensions`: what "3x the raw vectors" is measured against. */
export const rawVectorsMb = (chunks: number, dimensions: number): number => round((chunks * dimensions * 4) / 1024 / 1024, 1);

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

/** Parses "1k,10k,100k" style sizes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(text.trim());
  if (!match) throw new Error(`Not a size: ${text} (use e.g. 1k, 10k, 100k)`);
  const unit = match[2]?.toLowerCase() === 'm' ? 1e6 : match[2] ? 1e3 : 1;
  return Math.round(Number(match[1]) * unit);
}

export const sizeLabel = (n: number): string => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** Children print one line `RESULT <json>` on stdout; everything else there is progress. */
export const RESULT_PREFIX = 'RESULT ';
export const emitResult = (value: unknown): void => {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(value)}\n`);
};

/** The figures every HTTP benchmark reports from an autocannon run. */
export function loadFigures(result: { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
