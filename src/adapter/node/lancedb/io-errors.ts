// Failures while writing the index: a read-only or full disk is the user's to fix, anything else is ours.
import { createError, type RemitError } from '../../../core/errors.js';
import { isUnwritable, whyUnwritable } from '../unwritable.js';

export const unwritableError = (dir: string, cause: unknown): RemitError =>
  createError({
    code: 'index_unwritable',
    message: `Cannot write the index folder ${dir}${whyUnwritable(cause) ? ` (${whyUnwritable(cause)})` : ''}`,
    hint: `Make ${dir} writable (and check free disk space), or choose another folder with --db.`,
    cause,
  });

/** Classifies a failed commit: unwritable folder when the cause says so, otherwise an internal error. */
export function writeError(dir: string, cause: unknown): RemitError {
  if (isUnwritable(cause)) return unwritableError(dir, cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  return createError({ code: 'internal', message: `Committing to the index in ${dir} failed: ${message}`, cause });
}

/** A read that failed inside LanceDB: its files are damaged or missing, which only a rebuild repairs. */
export const readError = (dir: string, cause: unknown): RemitError =>
  createError({
    code: 'index_corrupt',
    message: `The index in ${dir} cannot be read; a table file is damaged or missing (${(cause instanceof Error ? cause.message : String(cause)).split(/[\n,]/)[0]})`,
    hint: `Re-ingest with \`remit ingest --rebuild <paths>\` or delete the index folder (${dir}).`,
    cause,
  });
