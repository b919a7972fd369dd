// Per-client fixed-window rate limiting; counters sit behind a store interface (memory here, KV/Durable Objects later).
import type { Context, MiddlewareHandler } from 'hono';
import { problem } from '../problem.js';

export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the current window ends (ms, same clock as `now`). */
  resetAt: number;
}

export interface RateLimitStore {
  hit(key: string, windowMs: number, now: number): Promise<RateLimitHit>;
}

/** One process's counters; expired windows are swept as new ones open, so memory follows active clients. */
export function createMemoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, RateLimitHit>();
  let nextSweep = 0;
  return {
    async hit(key, windowMs, now) {
      if (now >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        nextSweep = now + windowMs;
      }
      const current = windows.get(key);
      const window = current && current.resetAt > now ? current : { count: 0, resetAt: now + windowMs };
      window.count += 1;
      windows.set(key, window);
      return { ...window };
    },
  };
}

export interface RateLimitOptions {
  limit: number;
  windowMs?: number;
  store: RateLimitStore;
  key: (c: Context) => string;
  now: () => number;
}

/** Sets RateLimit-Limit/Remaining/Reset on every response; over the limit, 429 with Retry-After in seconds. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windowMs = options.windowMs ?? 60_000;
  return async (c, next) => {
    const now = options.now();
    const { count, resetAt } = await options.store.hit(options.key(c), windowMs, now);
    const resetSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    c.header('RateLimit-Limit', String(options.limit));
    c.header('RateLimit-Remaining', String(Math.max(0, options.limit - count)));
    c.header('RateLimit-Reset', String(resetSeconds));
    if (count > options.limit) {
      return problem(c, {
        status: 429,
        code: 'rate_limited',
        detail: `More than ${options.limit} requests in ${windowMs / 1000} s from this client`,
        hint: `Retry after ${resetSeconds} s.`,
        headers: { 'Retry-After': String(resetSeconds) },
      });
    }
    await next();
  };
}

/** The client key: a trusted proxy's header when configured, else the socket address, else one shared bucket. */
export function clientKey(c: Context, trustProxy: boolean, socketAddress?: (c: Context) => string | undefined): string {
  if (trustProxy) {
    const forwarded = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketAddress?.(c) ?? 'unknown';
}
