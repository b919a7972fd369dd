// Reading a JSON file Remit wrote (index state, powers table, thresholds, reports): missing is null, anything else
// that goes wrong is a typed error saying which file and why, so callers never see a bare ENOENT or SyntaxError.
import { readFile } from 'node:fs/promises';
import { createError, isRemitError, type RemitErrorCode } from '../../core/errors.js';

export interface ReadJsonFileOptions<T> {
  /** Validates the parsed JSON (a zod schema's `parse`); what it throws becomes the error's cause. */
  parse(json: unknown): T;
  /** What the file should be, for the message: "a powers table". */
  what: string;
  /** The error code for a file that cannot be read or is not what it should be. */
  code: RemitErrorCode;
  hint?: string;
}

/** The text of `path`, or null when there is no such file. */
export async function readTextFile(path: string, options: Pick<ReadJsonFileOptions<unknown>, 'code' | 'hint'>): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw createError({ code: options.code, message: `Cannot read ${path}`, hint: options.hint, cause: error });
  }
}

/** The validated contents of `path`, or null when there is no such file. */
export async function readJsonFile<T>(path: string, options: ReadJsonFileOptions<T>): Promise<T | null> {
  const text = await readTextFile(path, options);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw createError({ code: options.code, message: `${path} is not valid JSON`, hint: options.hint, cause: error });
  }
  try {
    return options.parse(json);
  } catch (error) {
    if (isRemitError(error)) throw error;
    throw createError({ code: options.code, message: `${path} is not ${options.what}`, hint: options.hint, cause: error });
  }
}
