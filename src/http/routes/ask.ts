// POST /api/ask: one Answer as JSON, or with `Accept: text/event-stream` the same answer as server-sent events.
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Ask } from '../../core/ask.js';
import type { AnswerEvent } from '../../core/schema.js';
import type { RemitApp } from '../env.js';
import type { Logger } from '../logger.js';
import { AnswerSchema, AskRequestSchema, commonProblems, problemContent, z } from '../openapi-schemas.js';

const askRoute = (bodyLimit: MiddlewareHandler) =>
  createRoute({
    method: 'post',
    path: '/api/ask',
    tags: ['ask'],
    summary: 'Answer a question with cited passages',
    description:
      'Returns the Answer as JSON. With `Accept: text/event-stream` streams events named `sources`, `text`, `citation`, ' +
      '`done` (data: the full Answer) or `error`; each event’s data is the JSON event object. Closing the stream aborts the answer.',
    middleware: [bodyLimit] as const,
    request: { body: { required: true, content: { 'application/json': { schema: AskRequestSchema } } } },
    responses: {
      200: {
        description: 'The answer, or its event stream',
        content: {
          'application/json': { schema: AnswerSchema },
          'text/event-stream': { schema: z.string().meta({ description: 'SSE: sources, text*, citation*, then done or error' }) },
        },
      },
      503: { description: 'The index is missing or the model is unavailable', content: problemContent },
      ...commonProblems,
    },
  });

export function registerAskRoute(app: RemitApp, deps: { ask: Ask; bodyLimit: MiddlewareHandler; logger: Logger }): void {
  app.openapi(askRoute(deps.bodyLimit), async (c) => {
    const request = c.req.valid('json');
    if (!wantsEventStream(c.req.header('Accept'))) {
      return c.json(await deps.ask.ask(request, c.req.raw.signal), 200);
    }
    return streamSSE(c, async (stream) => {
      const controller = new AbortController();
      // The reader going away (tab closed, fetch aborted) must stop the model call, not just the writes.
      stream.onAbort(() => controller.abort());
      for await (const event of deps.ask.stream(request, controller.signal)) {
        if (stream.aborted) break;
        await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
      }
    }, async (error, stream) => {
      // ask.stream reports its own failures as `error` events; this catches a failed write or a broken iterator.
      deps.logger.error('sse stream failed', { requestId: c.get('requestId'), error });
      const event: AnswerEvent = { type: 'error', error: { code: 'internal', message: 'The stream failed unexpectedly' } };
      await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
    });
  });
}

/** True when the client asks for SSE; any other Accept (JSON, wildcard, none) gets JSON. */
export function wantsEventStream(accept: string | undefined): boolean {
  return accept?.split(',').some((part) => part.trim().toLowerCase().startsWith('text/event-stream')) ?? false;
}
