// The widget's client against a real (small) Remit app: app.request stands in for the network, a closed port for an outage.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isRemitError } from '../core/errors.js';
import type { AnswerEvent } from '../core/schema.js';
import { createApp } from '../http/app.js';
import { createSmallDeps } from '../../test/support/small-world.js';
import { createRemitClient, parseRetryAfter } from './api-client.js';
import { describeFailure } from './failure.js';

const clientFor = (config: Parameters<typeof createSmallDeps>[0] = {}) => {
  const { deps } = createSmallDeps(config);
  const app = createApp(deps);
  return { client: createRemitClient('http://remit.test/', (input, init) => Promise.resolve(app.request(String(input), init))), deps };
};

describe('createRemitClient', () => {
  it('streams an answer as events and resolves with the final answer', async () => {
    const { client } = clientFor();
    const events: AnswerEvent['type'][] = [];
    const answer = await client.streamAnswer({ question: 'Can the Harbour Board fine a ship owner?', history: [] }, (e) => events.push(e.type));
    expect(events).toEqual(['sources', 'citation', 'text', 'done']);
    expect(answer.citations[0]).toMatchObject({ docId: 'doc_harbour', start: 0 });
  });

  it('loads a source document and records feedback', async () => {
    const { client, deps } = clientFor();
    expect((await client.getSource('doc_lantern')).title).toBe('Lantern office rules');
    await client.sendFeedback({ answerId: 'ans_test', rating: 'up' });
    expect(await deps.feedback.list()).toEqual([expect.objectContaining({ answerId: 'ans_test', rating: 'up' })]);
  });

  it('turns a problem response into a readable failure', async () => {
    const { client } = clientFor();
    const error = await client.getSource('doc_missing').catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('not_found');
    expect(describeFailure(error)).toMatchObject({ kind: 'server', message: expect.stringContaining('No document doc_missing') });
  });

  it('reads Retry-After from a 429', async () => {
    const { client } = clientFor({ config: { rateLimitPerMinute: 1 } });
    await client.sendFeedback({ answerId: 'a', rating: 'up' });
    const failure = describeFailure(await client.sendFeedback({ answerId: 'a', rating: 'up' }).catch((e: unknown) => e));
    expect(failure.kind).toBe('rate_limited');
    expect(failure.retryAfterSeconds).toBeGreaterThan(0);
    expect(failure.message).toMatch(/^Too many questions for now\. Try again in \d+ seconds?\.$/);
  });

  it('reports an unreachable server as a network failure', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await createRemitClient(`http://127.0.0.1:${port}`).sendFeedback({ answerId: 'a', rating: 'up' }).catch((e: unknown) => e);
    expect(describeFailure(error).kind).toBe('network');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('17')).toBe(17);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
