// Errors are values with a code, an HTTP-ish status and a cause; the boundary (CLI, HTTP) decides how to render them.

export type RemitErrorCode =
  | 'bad_input'
  /** A request that did not match its schema; `details` holds the zod issues. */
  | 'validation'
  | 'not_found'
  | 'unsupported_file'
  | 'index_missing'
  | 'index_corrupt'
  | 'index_unwritable'
  /** A commit moved the index between a search and the read of its results; searching again sees the new index. */
  | 'index_changed'
  | 'embedder_mismatch'
  | 'model_unavailable'
  | 'upstream'
  | 'rate_limited'
  | 'forbidden_url'
  | 'internal'
  /** An eval run measured a metric outside its threshold (`remit eval --gate`). */
  | 'gate_failed';

export interface RemitErrorOptions {
  code: RemitErrorCode;
  message: string;
  /** HTTP status the boundary should use. */
  status?: number;
  /** What the user can do about it, in one sentence. */
  hint?: string;
  cause?: unknown;
  details?: unknown;
}

const DEFAULT_STATUS: Record<RemitErrorCode, number> = {
  bad_input: 400,
  validation: 400,
  not_found: 404,
  unsupported_file: 415,
  index_missing: 503,
  index_corrupt: 503,
  index_unwritable: 500,
  index_changed: 503,
  embedder_mismatch: 409,
  model_unavailable: 503,
  upstream: 502,
  rate_limited: 429,
  forbidden_url: 400,
  internal: 500,
  gate_failed: 422,
};

export class RemitError extends Error {
  readonly code: RemitErrorCode;
  readonly status: number;
  readonly hint?: string;
  readonly details?: unknown;

  constructor(options: RemitErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'RemitError';
    this.code = options.code;
    this.status = options.status ?? DEFAULT_STATUS[options.code];
    this.hint = options.hint;
    this.details = options.details;
  }

  /** One line for a terminal: the message, then the fix. */
  toLine(): string {
    return this.hint ? `${this.message}. ${this.hint}` : this.message;
  }
}

export const createError = (options: RemitErrorOptions): RemitError => new RemitError(options);

export const isRemitError = (error: unknown): error is RemitError => error instanceof RemitError;
