// The one place an Anthropic client is built: answers, rewrites, the powers extractor and the eval judge share it.
import Anthropic from '@anthropic-ai/sdk';

export interface ClaudeClientSettings {
  apiKey: string;
  /** A gateway (Cloudflare AI Gateway) or a local stand-in; the SDK's default otherwise. */
  baseURL?: string;
  /** Per request, in ms. */
  timeoutMs?: number;
  maxRetries?: number;
}

export const DEFAULT_CLAUDE_TIMEOUT_MS = 30_000;
export const DEFAULT_CLAUDE_RETRIES = 2;

export function createClaudeClient(settings: ClaudeClientSettings): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs ?? DEFAULT_CLAUDE_TIMEOUT_MS,
    maxRetries: settings.maxRetries ?? DEFAULT_CLAUDE_RETRIES,
  });
}
