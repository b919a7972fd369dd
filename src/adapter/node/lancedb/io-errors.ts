// Failures while writing the index: a read-only or full disk is the user's to fix, anything else is ours.
import { createError, type RemitError } from '../../../core/errors.js';

const UNWRITABLE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);
// LanceDB reports I/O failures from Rust as messages, without an errno code.
const UNWRITABLE_MESSAGE = /permission denied|read-only file system|no space left|quota exceeded|os error (1|13|28|30|122)\b/i;

/** The cause in words, so the one-line error says which of the fixes applies. */
function whyUnwritable(cause: unknown): string | undefined {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ENOSPC' || code === 'EDQUOT' || /no space left|quota exceeded|os error (28|122)\b/i.test(message)) return 'the disk is full';
  if (code === 'EROFS' || /read-only file system|os error 30\b/i.test(message)) return 'the file system is read-only';
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|os error (1|13)\b/i.test(message)) return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  if (code === 'ENOENT') return 'folders cannot be created there';
  return code;
}

export const unwritableError = (dir: string, cause: unknown): RemitError =>
  createError({
    code: 'index_unwritable',
    message: `Cannot write the index folder ${dir}${whyUnwritable(cause) ? ` (${whyUnwritable(cause)})` : ''}`,
    hint: `Make ${dir} writable (and check free disk space), or choose another folder with --db.`,
    cause,
  });

/** Classifies a failed commit: unwritable folder when the cause says so, otherwise an internal error. */
export function writeError(dir: string, cause: unknown): RemitError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if ((code && UNWRITABLE_CODES.has(code)) || UNWRITABLE_MESSAGE.test(message)) return unwritableError(dir, cause);
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
