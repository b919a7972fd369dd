// Where reader feedback goes: durable on Node (src/adapter/node/feedback-file.ts), in memory for tests and previews.
import { z } from 'zod';
import { Feedback } from '../core/schema.js';

/** A stored feedback entry: what the reader sent plus when and on which request it arrived. */
export const FeedbackRecord = Feedback.extend({
  id: z.string(),
  receivedAt: z.string(),
  requestId: z.string().optional(),
});
export type FeedbackRecord = z.infer<typeof FeedbackRecord>;

export interface FeedbackStore {
  /** Resolves once the record is durable (for the file store: written and fsynced). */
  append(record: FeedbackRecord): Promise<void>;
  list(): Promise<FeedbackRecord[]>;
}

export function createMemoryFeedbackStore(): FeedbackStore {
  const records: FeedbackRecord[] = [];
  return {
    append: async (record) => void records.push(FeedbackRecord.parse(record)),
    list: async () => [...records],
  };
}
