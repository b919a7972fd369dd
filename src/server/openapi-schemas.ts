// OpenAPI names for the shared zod schemas: metadata is added here, schema.ts stays the single source of truth.
import { z } from '@hono/zod-openapi';
import { Answer, AskRequest, Document, DocumentMeta, Feedback } from '../core/schema.js';
import { ProblemDetails } from './problem.js';

export const AnswerSchema = Answer.openapi('Answer');
export const AskRequestSchema = AskRequest.openapi('AskRequest', {
  example: { question: 'What can Ofcom fine under the Online Safety Act?', history: [], k: 8 },
});
export const DocumentSchema = Document.openapi('Document');
export const DocumentMetaSchema = DocumentMeta.openapi('DocumentMeta');
export const FeedbackSchema = Feedback.openapi('Feedback');
export const ProblemSchema = ProblemDetails.openapi('Problem');

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
