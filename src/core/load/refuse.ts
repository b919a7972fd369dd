// Every refusal to load a file is one typed error with the precise reason, so a batch ingest can list what it skipped and why.
import { createError, type RemitError } from '../errors.js';

export const SUPPORTED_HINT = 'Remit reads UTF-8 text files: .txt, .md, .markdown, .html and .htm';

export function refuse(origin: string, reason: string, hint: string = SUPPORTED_HINT, cause?: unknown): RemitError {
  return createError({
    code: 'unsupported_file',
    message: `Cannot load ${origin}: ${reason}`,
    hint,
    cause,
    details: { origin, reason },
  });
}
