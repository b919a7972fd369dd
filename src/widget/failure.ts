// What went wrong, in words a reader can act on: the widget shows the message and a retry button.
import { isRemitError } from '../core/errors.js';

export interface Failure {
  kind: 'network' | 'rate_limited' | 'server';
  message: string;
  /** From Retry-After on a 429. */
  retryAfterSeconds?: number;
}

export function describeFailure(error: unknown): Failure {
  if (isRemitError(error)) {
    if (error.code === 'rate_limited') {
      const seconds = retryAfterOf(error.details);
      const wait = seconds === undefined ? 'in a moment' : `in ${seconds} second${seconds === 1 ? '' : 's'}`;
      return { kind: 'rate_limited', message: `Too many questions for now. Try again ${wait}.`, retryAfterSeconds: seconds };
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
