// One error shape for every boundary that answers a client: RFC 9457 problem details. HTTP sends it as
// application/problem+json (src/http/problem.ts adds the request's path and id); MCP tool errors carry the same object.
import * as z from 'zod';
import { isRemitError } from './errors.js';

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
  status: number;
  code: string;
  title?: string;
  detail?: string;
  hint?: string;
  errors?: FieldError[];
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

/** The problem object without the request's own fields (instance, requestId), which only the transport knows. */
export function problemDetails(init: ProblemInit): ProblemDetails {
  return {
    type: `urn:remit:problem:${init.code}`,
    title: init.title ?? TITLES[init.status] ?? 'Error',
    status: init.status,
    detail: init.detail,
    code: init.code,
    hint: init.hint,
    errors: init.errors,
  };
}

/** zod issues as `{ path: "history.0.content", message }`; the root is "(root)". */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

export const validationProblemInit = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): ProblemInit => ({
  status: 400,
  code: 'validation',
  title: 'Invalid request',
  detail: 'The request did not match the schema',
  errors: fieldErrors(issues),
});

/**
 * A RemitError (or anything else thrown) as a problem; `internal` means the caller should log it, since a client is
 * never shown internals. Transports map their own errors (HTTP exceptions) before calling this.
 */
export function problemInitFromError(error: unknown): { init: ProblemInit; internal: boolean } {
  if (isRemitError(error)) {
    const issues = zodIssues(error.details);
    if (error.code === 'validation' && issues) return { init: validationProblemInit(issues), internal: false };
    return {
      init: {
        status: error.status,
        code: error.code,
        // A 5xx RemitError message may name paths or internals; the code and hint are enough for a client.
        detail: error.status >= 500 ? undefined : error.message,
        hint: error.hint,
        errors: issues ? fieldErrors(issues) : undefined,
      },
      internal: error.status >= 500,
    };
  }
  return { init: { status: 500, code: 'internal', detail: 'Something went wrong on our side' }, internal: true };
}

function zodIssues(details: unknown): { path: PropertyKey[]; message: string }[] | undefined {
  const parsed = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).safeParse(details);
  return parsed.success ? parsed.data : undefined;
}
