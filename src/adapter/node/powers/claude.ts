// Node wiring for the Claude powers extractor: the SDK is loaded only when a key is set. Each ingested document gets
// Claude's facts (every quote verified) beside the rules' ones; a failed call leaves it the rules' with a warning.
import { claudeFactsOf } from '../../../core/powers/claude-extract.js';
import { rulesPowers, withClaudeFacts } from '../../../core/powers/document-powers.js';
import type { PowerFactsExtractor } from '../../../core/ingest/ingest.js';

export interface ClaudePowersSettings {
  apiKey: string;
  baseURL?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

export async function claudePowerFacts(settings: ClaudePowersSettings): Promise<PowerFactsExtractor> {
  const { createClaudeClient } = await import('../../../core/answer/claude/client.js');
  // Extraction reads whole documents: a longer timeout than an answer's.
  const client = createClaudeClient({ apiKey: settings.apiKey, baseURL: settings.baseURL, timeoutMs: settings.timeoutMs ?? 60_000, maxRetries: settings.maxRetries });
  return async (document) => {
    const rules = rulesPowers(document);
    try {
      const { facts } = await claudeFactsOf(document, { client, model: settings.model });
      return { powers: withClaudeFacts(rules, facts) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { powers: rules, warning: `Claude could not extract powers (${reason}); the powers table uses the rules until \`remit powers --rebuild\`` };
    }
  };
}
