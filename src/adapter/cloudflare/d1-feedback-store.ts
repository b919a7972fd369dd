// Reader feedback in D1: one row per submission, durable once the INSERT returns.
import type { D1Database } from '@cloudflare/workers-types';
import { z } from 'zod';
import { FeedbackRecord, type FeedbackStore } from '../../http/feedback-store.js';

const FeedbackRow = z.object({
  id: z.string(),
  answer_id: z.string(),
  rating: z.string(),
  comment: z.string().nullable(),
  received_at: z.string(),
  request_id: z.string().nullable(),
});

const rowToRecord = (row: unknown): FeedbackRecord => {
  const r = FeedbackRow.parse(row);
  return FeedbackRecord.parse({ id: r.id, answerId: r.answer_id, rating: r.rating, comment: r.comment ?? undefined, receivedAt: r.received_at, requestId: r.request_id ?? undefined });
};

export function createD1FeedbackStore(db: D1Database): FeedbackStore {
  return {
    async append(record) {
      const r = FeedbackRecord.parse(record);
      await db
        .prepare('INSERT INTO feedback (id, answer_id, rating, comment, received_at, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)')
        .bind(r.id, r.answerId, r.rating, r.comment ?? null, r.receivedAt, r.requestId ?? null)
        .run();
    },
    async list() {
      const { results } = await db.prepare('SELECT id, answer_id, rating, comment, received_at, request_id FROM feedback ORDER BY received_at, id').all();
      return results.map(rowToRecord);
    },
  };
}
