// One error shape for every route: RFC 9457 problem details, rendered from zod issues, HTTP exceptions and RemitErrors.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { isRemitError } from '../core/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const ProblemDetails = z.object({
  /** `urn:remit:problem:<code>`: stable, so clients can branch on it. */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** The request path that failed. */
  instance: z.string().optional(),
  requestId: z.string().optional(),
  code: z.string(),
  /** What the caller can do about it. */
  hint: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

export interface ProblemInit {
  status: ContentfulStatusCode;
  code: string;
  title?: string;
  detail?: string;
  hint?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

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
  const body: ProblemDetails = {
    type: `urn:remit:problem:${init.code}`,
    title: init.title ?? TITLES[init.status] ?? 'Error',
    status: init.status,
    detail: init.detail,
    instance: c.req.path,
    requestId: c.get('requestId') as string | undefined,
    code: init.code,
    hint: init.hint,
    errors: init.errors,
  };
  return c.body(JSON.stringify(body), init.status, { 'Content-Type': PROBLEM_CONTENT_TYPE, ...init.headers });
}

/** zod issues as `{ path: "history.0.content", message }`; the root is "(body)". */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

export const validationProblem = (c: Context, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Response =>
  problem(c, { status: 400, code: 'validation', title: 'Invalid request', detail: 'The request did not match the schema', errors: fieldErrors(issues) });

/** Maps anything thrown to a problem; `internal` means the caller should log it (we never show internals). */
export function problemFromError(c: Context, error: unknown): { response: Response; internal: boolean } {
  if (isRemitError(error)) {
    const issues = zodIssues(error.details);
    const status = error.status as ContentfulStatusCode;
    const response = problem(c, {
      status,
      code: error.code,
      // A 5xx RemitError message may name paths or internals; the code and hint are enough for a client.
      detail: status >= 500 ? undefined : error.message,
      hint: error.hint,
      errors: issues ? fieldErrors(issues) : undefined,
    });
    return { response, internal: status >= 500 };
  }
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
  return { response: problem(c, { status: 500, code: 'internal', detail: 'Something went wrong on our side' }), internal: true };
}

function zodIssues(details: unknown): { path: PropertyKey[]; message: string }[] | undefined {
  const parsed = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).safeParse(details);
  return parsed.success ? parsed.data : undefined;
}
