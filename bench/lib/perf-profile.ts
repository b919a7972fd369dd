// Samples every thread of a bench child with Linux perf: LanceDB's native threads, the main thread and the encoding
// workers (JavaScript frames named through node's --perf-basic-prof map). A V8 .cpuprofile sees the main thread only.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function perfAvailable(): Promise<boolean> {
  return run('perf', ['--version']).then(
    () => true,
    () => false,
  );
}

export interface PerfProfile {
  samples: number;
  /** Share of samples by thread name (node's main and worker threads are "node"; LanceDB's "tokio-rt-worker", "lance-cpu"). */
  threads: { thread: string; share: number }[];
  /** Share of samples by library. */
  libraries: { library: string; share: number }[];
  /** The symbols with the most samples. */
  frames: { library: string; frame: string; share: number }[];
}

/** The perf.data file's report, by `sort` keys: [share, ...columns] per line. */
async function report(file: string, sort: string, limit: number, extra: string[] = []): Promise<string[][]> {
  const { stdout } = await run('perf', ['report', '-i', file, '--no-children', '--sort', sort, '--stdio', '--field-separator', '\t', ...extra], { maxBuffer: 64 << 20 });
  return stdout
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .slice(0, limit)
    .map((line) => line.split('\t').map((cell) => cell.trim()));
}

const share = (cell: string) => Number((Number.parseFloat(cell) / 100).toFixed(3));
const library = (path: string) => path.replace(/^.*\//, '');

/** Summarises a perf.data file, then removes it and the JIT symbol maps node wrote for the profiled processes. */
export async function summarisePerf(file: string): Promise<PerfProfile> {
  try {
    // -n adds each line's sample count.
    const byThread = await report(file, 'comm', 1000, ['-n']);
    const samples = byThread.reduce((sum, [, count]) => sum + Number(count), 0);
    const threads = byThread.slice(0, 8).map(([s, , thread]) => ({ thread: thread!, share: share(s!) }));
    const libraries = (await report(file, 'dso', 8)).map(([s, dso]) => ({ library: library(dso!), share: share(s!) }));
    const frames = (await report(file, 'dso,sym', 15)).map(([s, dso, sym]) => ({
      library: library(dso!),
      // "[.] name" for user space, "[k] name" for the kernel; JIT frames carry V8's tier prefix ("LazyCompile:*").
      frame: sym!.replace(/^\[.\]\s*/, '').replace(/\s+/g, ' ').slice(0, 140),
      share: share(s!),
    }));
    const pids = (await report(file, 'pid', 50)).map(([, pid]) => /^(\d+)/.exec(pid!)?.[1]).filter(Boolean);
    await Promise.all(pids.map((pid) => rm(join(tmpdir(), `perf-${pid}.map`), { force: true })));
    return { samples, threads, libraries, frames };
  } finally {
    await rm(file, { force: true });
  }
}

/** The command prefix that samples a child at `hz` into `file`. */
export const perfRecord = (file: string, hz = 499): string[] => ['perf', 'record', '-F', String(hz), '-o', file, '--'];
