// Which errors mean "Claude is unavailable" (answer extractively instead) and how to say so in one phrase.
import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, PermissionDeniedError, RateLimitError } from '@anthropic-ai/sdk';

/** A short reason for an API failure, or undefined when the error is not one (a bug, or the caller aborting). */
export function describeApiFailure(error: unknown): string | undefined {
  if (error instanceof APIUserAbortError) return undefined;
  if (error instanceof APIConnectionTimeoutError) return 'the request timed out';
  if (error instanceof APIConnectionError) return 'the API could not be reached';
  if (error instanceof RateLimitError) return 'rate limited';
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return 'the API key was refused';
  if (error instanceof APIError) return error.status ? `HTTP ${error.status}` : 'the API failed';
  // The SDK raises a bare AnthropicError for a broken stream (e.g. an unexpected event order).
  if (error instanceof AnthropicError) return 'the response stream broke';
  return undefined;
}

export const unavailableWarning = (reason: string): string => `Claude was unavailable (${reason}); answered extractively`;

/** The caller's abort reason as a throwable, so an aborted ask ends quietly instead of falling back. */
export function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The answer was aborted', 'AbortError');
}
