// OpenAPI names for the shared zod schemas: metadata is added here, schema.ts stays the single source of truth.
// zod's own .meta() (read by zod-to-openapi) rather than .openapi(): it works on schemas built before the
// zod-openapi import patched zod, which depends on import order.
import { z } from '@hono/zod-openapi';
import { Answer, AskRequest, Document, DocumentMeta, Feedback } from '../core/schema.js';
import { ProblemDetails } from '../core/problem.js';

export const AnswerSchema = Answer.meta({ id: 'Answer' });
export const AskRequestSchema = AskRequest.meta({
  id: 'AskRequest',
  example: { question: 'What can Ofcom fine under the Online Safety Act?', history: [], k: 8 },
});
export const DocumentSchema = Document.meta({ id: 'Document' });
export const DocumentMetaSchema = DocumentMeta.meta({ id: 'DocumentMeta' });
export const FeedbackSchema = Feedback.meta({ id: 'Feedback' });
export const ProblemSchema = ProblemDetails.meta({ id: 'Problem' });

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } } as const;

/** The error responses every /api route can give, documented once. */
export const commonProblems = {
  400: { description: 'Invalid request: `errors` lists each bad field', content: problemContent },
  413: { description: 'Body larger than the configured limit', content: problemContent },
  415: { description: 'Unsupported Content-Type', content: problemContent },
  429: { description: 'Rate limited: retry after `Retry-After` seconds', content: problemContent },
  500: { description: 'Unexpected error (no internals are shown)', content: problemContent },
} as const;

export { z };
