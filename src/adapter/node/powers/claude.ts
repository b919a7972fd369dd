// Node wiring for the Claude powers extractor: the SDK is loaded only when a key is set.
import { extractPowersWithClaude } from '../../../core/powers/claude-extract.js';
import type { Power } from '../../../core/powers/schema.js';
import type { Document } from '../../../core/schema.js';

export async function extractPowersWithAnthropic(
  documents: readonly Document[],
  options: { apiKey: string; baseURL?: string; model?: string; timeoutMs?: number; maxRetries?: number },
): Promise<Power[]> {
  const { createClaudeClient } = await import('../../../core/answer/claude/client.js');
  // Extraction reads whole documents: a longer timeout than an answer's.
  const client = createClaudeClient({ apiKey: options.apiKey, baseURL: options.baseURL, timeoutMs: options.timeoutMs ?? 60_000, maxRetries: options.maxRetries });
  const { powers } = await extractPowersWithClaude(documents, { client, model: options.model });
  return powers;
}
