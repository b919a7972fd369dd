// What went wrong, in words a reader can act on: the widget shows the message and a retry button.
import { isRemitError } from '../core/errors.js';

export interface Failure {
  kind: 'network' | 'rate_limited' | 'server';
  message: string;
  /** From Retry-After on a 429. */
  retryAfterSeconds?: number;
  /** When a retry may go (epoch ms): Retry counts down to it. */
  retryAt?: number;
}

export function describeFailure(error: unknown, now: number = Date.now()): Failure {
  if (isRemitError(error)) {
    if (error.code === 'rate_limited') {
      const seconds = retryAfterOf(error.details);
      return {
        kind: 'rate_limited',
        message: rateLimitedMessage(seconds),
        retryAfterSeconds: seconds,
        ...(seconds ? { retryAt: now + seconds * 1000 } : {}),
      };
    }
    if (error.code === 'upstream' && error.status === 0) {
      return { kind: 'network', message: 'Remit could not be reached. Check your connection, then retry.' };
    }
    return { kind: 'server', message: error.hint ? `${error.message}. ${error.hint}` : error.message };
  }
  return { kind: 'server', message: 'Something went wrong. Please retry.' };
}

function retryAfterOf(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return undefined;
  const value = (details as { retryAfterSeconds: unknown }).retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const rateLimitedMessage = (seconds: number | undefined): string =>
  seconds ? `Too many questions for now. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` : 'Too many questions for now. Try again in a moment.';

/** Whole seconds until a retry may go (0: now), for the countdown on Retry. */
export function secondsUntilRetry(failure: Failure | undefined, now: number): number {
  return failure?.retryAt ? Math.max(0, Math.ceil((failure.retryAt - now) / 1000)) : 0;
}

/**
 * The failure as it reads at `now`. It sits in an alert, which a screen reader repeats on every change, so it changes
 * once, when the wait is over; the Retry button carries the countdown.
 */
export function failureMessage(failure: Failure, now: number): string {
  if (failure.kind !== 'rate_limited' || !failure.retryAt) return failure.message;
  return secondsUntilRetry(failure, now) > 0 ? failure.message : 'You can ask again now.';
}

/** "Retry in 12 s" while a rate limit lasts, then "Retry". */
export const retryLabel = (failure: Failure | undefined, now: number): string => {
  const wait = secondsUntilRetry(failure, now);
  return wait > 0 ? `Retry in ${wait} s` : 'Retry';
};
