import { describe, expect, it } from 'vitest';
import { createError } from '../core/errors.js';
import { describeFailure, failureMessage, retryLabel, secondsUntilRetry } from './failure.js';

describe('a 429 with Retry-After', () => {
  const at = 1_000_000;
  const failure = describeFailure(createError({ code: 'rate_limited', message: 'Too many requests', details: { retryAfterSeconds: 12 } }), at);

  it('counts Retry down to the moment a retry may go; the message changes once, when it may', () => {
    expect(secondsUntilRetry(failure, at)).toBe(12);
    expect(retryLabel(failure, at)).toBe('Retry in 12 s');
    expect(failureMessage(failure, at)).toBe('Too many questions for now. Try again in 12 seconds.');
    expect(retryLabel(failure, at + 10_500)).toBe('Retry in 2 s');
    expect(failureMessage(failure, at + 11_200)).toBe('Too many questions for now. Try again in 12 seconds.');
    expect(secondsUntilRetry(failure, at + 12_000)).toBe(0);
    expect(retryLabel(failure, at + 12_000)).toBe('Retry');
    expect(failureMessage(failure, at + 30_000)).toBe('You can ask again now.');
  });

  it('leaves other failures as they are, retryable at once', () => {
    const network = describeFailure(createError({ code: 'upstream', status: 0, message: 'fetch failed' }), at);
    expect(secondsUntilRetry(network, at)).toBe(0);
    expect(failureMessage(network, at + 5_000)).toBe(network.message);
    const unknownWait = describeFailure(createError({ code: 'rate_limited', message: 'Too many requests' }), at);
    expect(failureMessage(unknownWait, at)).toBe('Too many questions for now. Try again in a moment.');
    expect(secondsUntilRetry(unknownWait, at)).toBe(0);
  });
});
