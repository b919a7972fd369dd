// `remit ask` in Claude mode, end to end: the real runtime wiring (env -> SDK client -> ClaudeAnswerer) against the
// local Messages API stand-in, and the extractive fallback when the API fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Answer } from '../core/schema.js';
import { buildFixtureIndex, type FixtureIndex } from '../../test/support/fixture-index.js';
import { type MessagesApiServer, startMessagesApiServer } from '../../test/support/messages-api-server.js';
import { captureIO } from '../../test/support/cli-io.js';
import { runCli } from './program.js';

let fixture: FixtureIndex;
let server: MessagesApiServer;
beforeAll(async () => {
  [fixture, server] = await Promise.all([buildFixtureIndex(), startMessagesApiServer()]);
});
afterAll(async () => {
  await server?.close();
  await fixture?.cleanup();
});

async function ask(question: string, env: Record<string, string>) {
  const io = captureIO(env);
  const code = await runCli(['ask', '--json', '--db', fixture.dir, question], io);
  return { code, io };
}

describe('remit ask with ANTHROPIC_API_KEY', () => {
  it('answers through Claude with citations mapped to exact document offsets', async () => {
    const { code, io } = await ask('What can Ofcom fine under the Online Safety Act?', { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.url });
    expect(code, io.stderr).toBe(0);
    const answer = Answer.parse(JSON.parse(io.stdout));
    expect(answer.mode).toBe('claude');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      const document = await fixture.runtime.store.getDocument(citation.docId);
      expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    // The request carried the passages as search results, not in the system prompt.
    const request = server.requests.at(-1)!.body;
    expect(JSON.stringify(request.system)).not.toContain('£18 million');
    expect(JSON.stringify(request.messages)).toContain('search_result');
  });

  it('falls back to extractive with a warning when the API fails, and says so in mode', async () => {
    // More failures than the SDK's retries.
    server.fail(...Array<500>(5).fill(500));
    const { code, io } = await ask('Which country first blocked Grok?', { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.url });
    expect(code, io.stderr).toBe(0);
    const answer = Answer.parse(JSON.parse(io.stdout));
    expect(answer.mode).toBe('extractive');
    expect(answer.warnings.join(' ')).toMatch(/Claude was unavailable/);
    expect(answer.answer).toMatch(/Indonesia/);
  });

  it('refuses --mode claude without a key, as a usage error', async () => {
    const io = captureIO({});
    expect(await runCli(['ask', '--mode', 'claude', '--db', fixture.dir, 'anything'], io)).toBe(2);
    expect(io.stderr).toMatch(/ANTHROPIC_API_KEY/);
  });
});
