// One error shape for every route: RFC 9457 problem details (src/core/problem.ts), rendered from zod issues, HTTP
// exceptions and RemitErrors, with the request's path and id.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FieldError, type ProblemDetails, problemDetails, problemInitFromError, validationProblemInit } from '../core/problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemInit {
  status: ContentfulStatusCode;
  code: string;
  title?: string;
  detail?: string;
  hint?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

export function problem(c: Context, init: ProblemInit): Response {
  const { headers, ...fields } = init;
  const body: ProblemDetails = { ...problemDetails(fields), instance: c.req.path, requestId: c.get('requestId') as string | undefined };
  return c.body(JSON.stringify(body), init.status, { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers });
}

export const validationProblem = (c: Context, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Response =>
  problem(c, { ...validationProblemInit(issues), status: 400 });

/** Maps anything thrown to a problem; `internal` means the caller should log it (we never show internals). */
export function problemFromError(c: Context, error: unknown): { response: Response; internal: boolean } {
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    // bearerAuth puts its WWW-Authenticate challenge on the exception's response: keep it.
    const challenge = error.res?.headers.get('WWW-Authenticate');
    const response = problem(c, {
      status,
      code: CODES[status] ?? 'http_error',
      detail: error.message || undefined,
      headers: challenge ? { 'WWW-Authenticate': challenge } : undefined,
    });
    return { response, internal: status >= 500 };
  }
  const { init, internal } = problemInitFromError(error);
  return { response: problem(c, { ...init, status: init.status as ContentfulStatusCode }), internal };
}
