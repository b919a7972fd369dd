// Keeping a long-running process (the HTTP server, the MCP stdio server) on the index another process commits, with
// its caches loaded, and logging what repeats once.
import type { Logger } from '../../http/logger.js';
import type { Runtime } from './runtime.js';

export interface IndexKeeper {
  /** Loads the index's caches now (after an ingest in this process); warm-ups run one after another. */
  warmUp(): Promise<void>;
  /**
   * Starts building, in the background, a vector index the committed index lacks (a build stopped after its commit, or
   * left by the upload thread's commit), and warms up again once it lands; settles once the build is under way (the
   * health check then says so). Searches run exactly meanwhile.
   */
  buildMissingIndex(): Promise<void>;
  /** Warms up now, then follows the commits of other processes, looking every `intervalMs`. */
  start(intervalMs: number): void;
  /** No more warm-ups or polls; settles once a warm-up under way has finished, so none reads a closed table. */
  stop(): Promise<void>;
}

/** Keeps a long-running process on the latest committed index, with its caches loaded. */
export function indexKeeper(runtime: Runtime, logger: Logger): IndexKeeper {
  let stopped = false;
  let stopFollowing = () => {};
  let warming = Promise.resolve();
  const warmUp = () => {
    if (!stopped) warming = warming.then(() => warmIndex(runtime, logger));
    return warming;
  };
  const buildMissingIndex = async () => {
    try {
      await runtime.buildMissingIndex();
      if ((await runtime.store.vectorSearch?.())?.building) void runtime.store.indexed?.().then(warmUp);
    } catch (error) {
      logger.warn('vector index build failed', { error: messageOf(error) });
    }
  };
  return {
    warmUp,
    buildMissingIndex,
    start(intervalMs) {
      void warmUp();
      void buildMissingIndex();
      stopFollowing = followIndex(runtime, intervalMs, logger, warmUp);
    },
    stop() {
      stopped = true;
      stopFollowing();
      return warming;
    },
  };
}

/**
 * Serves what other processes commit (a `remit ingest` in a terminal while this one serves): state.json is a few
 * hundred bytes, so it is read every `intervalMs`. Returns a function that stops following.
 */
function followIndex(runtime: Runtime, intervalMs: number, logger: Logger, warmUp: () => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const failures = failureLog((error) => logger.warn('index refresh failed', { error }));
  const tick = async () => {
    try {
      if (await runtime.refreshIndex()) {
        const info = await runtime.store.info();
        logger.info('index changed', { documents: info?.documents ?? 0, chunks: info?.chunks ?? 0, builtAt: info?.builtAt });
        await warmUp();
      }
      failures.succeeded();
    } catch (error) {
      // The last good index keeps being served and the next tick tries again; the same failure is logged once.
      failures.failed(error);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  timer = setTimeout(tick, intervalMs).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Logs a failure that repeats (a poll, a probe) once per distinct message, until the caller reports a success. */
export function failureLog(log: (message: string) => void): { failed(error: unknown): void; succeeded(): void } {
  let last: string | undefined;
  return {
    failed(error) {
      const message = messageOf(error);
      if (message !== last) log(message);
      last = message;
    },
    succeeded() {
      last = undefined;
    },
  };
}

/**
 * Loads the index's caches (see IndexStore.warm) and logs how long it took. A failure is logged, not thrown: the
 * question that needs what failed to load loads it again, and reports the error if it persists.
 */
async function warmIndex(runtime: Runtime, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    await runtime.warm();
    logger.info('index warmed', { ms: Math.round(performance.now() - started) });
  } catch (error) {
    logger.warn('index warm-up failed', { error: messageOf(error) });
  }
}
