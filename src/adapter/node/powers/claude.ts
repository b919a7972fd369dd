// Node wiring for the Claude powers extractor: the SDK is loaded only when a key is set.
import { extractPowersWithClaude } from '../../../core/powers/claude-extract.js';
import type { Power } from '../../../core/powers/schema.js';
import type { Document } from '../../../core/schema.js';

export async function extractPowersWithAnthropic(
  documents: readonly Document[],
  options: { apiKey?: string; baseURL?: string; model?: string; timeoutMs?: number; maxRetries?: number },
): Promise<Power[]> {
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs ?? 60_000, maxRetries: options.maxRetries ?? 2 });
  const { powers } = await extractPowersWithClaude(documents, { client, model: options.model });
  return powers;
}
