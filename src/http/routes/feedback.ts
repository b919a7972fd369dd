// POST /api/feedback: a reader's thumbs up/down on an answer, stored durably for the eval tooling.
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { FeedbackStore } from '../feedback-store.js';
import type { RemitApp } from '../env.js';
import { commonProblems, FeedbackSchema, z } from '../openapi-schemas.js';

const FeedbackReceipt = z.object({ id: z.string(), receivedAt: z.string() }).meta({ id: 'FeedbackReceipt' });

const feedbackRoute = (bodyLimit: MiddlewareHandler) =>
  createRoute({
    method: 'post',
    path: '/api/feedback',
    tags: ['feedback'],
    summary: 'Rate an answer',
    middleware: [bodyLimit] as const,
    request: { body: { required: true, content: { 'application/json': { schema: FeedbackSchema } } } },
    responses: { 201: { description: 'Stored', content: { 'application/json': { schema: FeedbackReceipt } } }, ...commonProblems },
  });

export function registerFeedbackRoute(
  app: RemitApp,
  deps: { feedback: FeedbackStore; bodyLimit: MiddlewareHandler; now: () => Date },
): void {
  app.openapi(feedbackRoute(deps.bodyLimit), async (c) => {
    const record = { ...c.req.valid('json'), id: crypto.randomUUID(), receivedAt: deps.now().toISOString(), requestId: c.get('requestId') };
    await deps.feedback.append(record);
    return c.json({ id: record.id, receivedAt: record.receivedAt }, 201);
  });
}
