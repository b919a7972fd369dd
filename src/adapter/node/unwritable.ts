// Why a folder cannot be written, in words the person who can fix it acts on (a read-only or full disk is theirs).
import { createError, type RemitError } from '../../core/errors.js';

const UNWRITABLE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);
// LanceDB reports I/O failures from Rust as messages, without an errno code.
const UNWRITABLE_MESSAGE = /permission denied|read-only file system|no space left|quota exceeded|os error (1|13|28|30|122)\b/i;

/** True when a failed write is the surroundings' fault (permissions, read-only or full disk), not ours. */
export function isUnwritable(cause: unknown): boolean {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return (code !== undefined && UNWRITABLE_CODES.has(code)) || UNWRITABLE_MESSAGE.test(message);
}

/** The cause in words, so a one-line error says which of the fixes applies. */
export function whyUnwritable(cause: unknown): string | undefined {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ENOSPC' || code === 'EDQUOT' || /no space left|quota exceeded|os error (28|122)\b/i.test(message)) return 'the disk is full';
  if (code === 'EROFS' || /read-only file system|os error 30\b/i.test(message)) return 'the file system is read-only';
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|os error (1|13)\b/i.test(message)) return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  if (code === 'ENOENT') return 'folders cannot be created there';
  // Another errno is still a clue; a RemitError's code is not.
  return code && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * The same failure told to an HTTP client: 503 (the service cannot take writes until someone fixes its disk), with the
 * cause and the fix in the hint and no path (the server's log has the path and the original error).
 */
export function unwritableForClient(what: string, cause: unknown): RemitError {
  // A RemitError from the store wraps the file system's error: the words come from the innermost one that has them.
  const why = whyUnwritable(cause) ?? (cause instanceof Error ? whyUnwritable(cause.cause) : undefined);
  return createError({
    code: 'index_unwritable',
    status: 503,
    message: `Cannot ${what}${why ? ` (${why})` : ''}`,
    hint: `The server cannot write its index folder${why ? ` (${why})` : ''}; its operator must make it writable and check free disk space, then retry.`,
    cause,
  });
}
