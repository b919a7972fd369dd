// The V8 heap limit of a serving thread (issue 24). Without one V8 lets the old generation fill with garbage up to its
// default limit (a quarter of the machine's memory, up to 4 GB) before collecting it: a serving process at 100k chunks
// grew to 537 MB of heap, of which 257 MB was live. A limit derived from what the process keeps (its byte-bounded
// caches) plus measured headroom makes V8 collect sooner, at no cost in latency.
import { getHeapStatistics } from 'node:v8';
import type { Config } from './config.js';

const MB = 1024 * 1024;

/**
 * Live heap besides the caches, in MB: ~45 MB once warm (modules, the language model, WordNet) and ~100 MB at 100k
 * chunks after 200 questions with the caches emptied (document metadata, WordNet's look-ups, the powers table).
 * Rounded up: growth past this means a larger limit after a restart, not a smaller one.
 */
export const BASE_LIVE_HEAP_MB = 128;
/** A cached answer (statements, citations, quotes): a few KB; counted generously. */
const ANSWER_BYTES = 32 * 1024;
/**
 * Heap per MB of live data: V8 needs room to allocate between collections, and an old generation limit near the live
 * size means back-to-back full collections. At 100k chunks 256 MB with ~136 MB live cost no latency (issue 24).
 */
const HEADROOM = 2;

/** The heap limit, in MB, a server with these caches runs with by default. */
export function derivedHeapLimitMb(caches: Pick<Config, 'readingCacheBytes' | 'answerCacheEntries'>): number {
  const cached = caches.readingCacheBytes + caches.answerCacheEntries * ANSWER_BYTES;
  return Math.ceil(HEADROOM * (BASE_LIVE_HEAP_MB + cached / MB));
}

/** V8's own limit for this process (what the heap may reach without a limit of ours), in MB. */
export const defaultHeapLimitMb = (): number => Math.floor(getHeapStatistics().heap_size_limit / MB);

/** The heap flags by which a user sets the limit themselves (V8 accepts `_` or `-` in flag names). */
const HEAP_FLAG = /--max[-_]old[-_]space[-_]size\b|--max[-_]heap[-_]size\b/;

/**
 * The heap limit to serve with, in MB, or undefined to serve in this thread as before: when REMIT_HEAP_LIMIT is off,
 * or the user set a heap flag (in NODE_OPTIONS or on the node command line), which would override a thread's limit
 * anyway (nodejs/node#43991). Never above V8's own limit.
 */
export function serveHeapLimitMb(config: Pick<Config, 'heapLimit' | 'readingCacheBytes' | 'answerCacheEntries'>, env: Record<string, string | undefined>, execArgv: readonly string[]): number | undefined {
  if (config.heapLimit === 'off') return undefined;
  if (HEAP_FLAG.test(env.NODE_OPTIONS ?? '') || execArgv.some((arg) => HEAP_FLAG.test(arg))) return undefined;
  const wanted = config.heapLimit === 'auto' ? derivedHeapLimitMb(config) : Math.ceil(config.heapLimit / MB);
  return Math.min(wanted, defaultHeapLimitMb());
}

/** Heap figures for /healthz: the limit this thread runs with and what it holds now, in MB. */
export function heapFigures(): { heapLimitMb: number; heapUsedMb: number } {
  const stats = getHeapStatistics();
  return { heapLimitMb: Math.round(stats.heap_size_limit / MB), heapUsedMb: Math.round(stats.used_heap_size / MB) };
}
