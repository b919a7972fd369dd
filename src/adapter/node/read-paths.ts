// Files and folders given on a command line -> their bytes, in a stable order, then -> Documents.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { createError, isRemitError } from '../../core/errors.js';
import { DEFAULT_MAX_BYTES, loadDocument, type LoadOptions } from '../../core/load/index.js';
import type { Document } from '../../core/schema.js';
import type { IngestWarning as Warning } from '../../core/ingest/ingest.js';
import { fetchUrl, type FetchUrlOptions, isUrlArgument } from './fetch-url.js';

export type PathEntry = { origin: string; bytes: Uint8Array; contentType?: string } | { origin: string; skipped: string };

export interface Skipped {
  origin: string;
  reason: string;
}

export interface ReadPathsOptions {
  /** Files larger than this are skipped without being read. Default 10 MB. */
  maxBytes?: number;
  /** How http(s) arguments are fetched (SSRF guard, size and time caps). */
  fetch?: FetchUrlOptions;
}

/**
 * Every file under `paths` (files as given, folders recursively, names sorted, dotfiles and node_modules skipped).
 * Origins are the path as given joined with the path inside it, with `/` separators, so they are stable across runs.
 * Throws `not_found` naming the first path that does not exist, before anything is read.
 */
export async function* readPaths(paths: readonly string[], options: ReadPathsOptions = {}): AsyncGenerator<PathEntry> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const roots = await Promise.all(
    paths.map(async (path) => ({ path, isUrl: isUrlArgument(path), isDirectory: !isUrlArgument(path) && (await statOrThrow(path)).isDirectory() })),
  );
  for (const root of roots) {
    if (root.isUrl) yield await readUrl(root.path, options.fetch);
    else if (root.isDirectory) yield* readFolder(root.path, maxBytes);
    else yield await readOne(root.path, maxBytes);
  }
}

/** Loads every file under `paths`; unreadable or unsupported files and repeated texts are listed as skipped. */
export async function loadPaths(
  paths: readonly string[],
  options: ReadPathsOptions & LoadOptions = {},
): Promise<{ documents: Document[]; skipped: Skipped[]; warnings: Warning[] }> {
  const documents: Document[] = [];
  const skipped: Skipped[] = [];
  const warnings: Warning[] = [];
  const originById = new Map<string, string>();
  for await (const entry of readPaths(paths, options)) {
    if ('skipped' in entry) {
      skipped.push({ origin: entry.origin, reason: entry.skipped });
      continue;
    }
    try {
      const document = await loadDocument(entry, { ...options, warn: (message) => warnings.push({ origin: entry.origin, message }) });
      const earlier = originById.get(document.id);
      if (earlier) {
        skipped.push({ origin: entry.origin, reason: `same text as ${earlier}` });
        continue;
      }
      originById.set(document.id, document.origin);
      documents.push(document);
    } catch (error) {
      if (!isRemitError(error) || error.code !== 'unsupported_file') throw error;
      skipped.push({ origin: entry.origin, reason: reasonOf(error.details) ?? error.message });
    }
  }
  return { documents, skipped, warnings };
}

async function* readFolder(folder: string, maxBytes: number): AsyncGenerator<PathEntry> {
  const entries = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    // Symbolic links are not followed inside folders: they could loop or leave the folder.
    if (entry.isDirectory()) yield* readFolder(path, maxBytes);
    else if (!entry.isSymbolicLink()) yield await readOne(path, maxBytes); // pipes and devices are listed as skipped
  }
}

async function readOne(path: string, maxBytes: number): Promise<PathEntry> {
  const origin = path.split(sep).join('/');
  try {
    const info = await stat(path);
    // Devices and pipes (/dev/zero, a FIFO) report no size and never end: reading one would hang or fill memory.
    if (!info.isFile()) return { origin, skipped: 'it is not a regular file (a device, pipe or socket)' };
    if (info.size > maxBytes) return { origin, skipped: `it is ${info.size} bytes, over the ${maxBytes}-byte limit` };
    return { origin, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    return { origin, skipped: `it could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

/** A URL's bytes; refused URLs (private addresses, other schemes) stop the run, network failures are skipped. */
async function readUrl(url: string, options: FetchUrlOptions = {}): Promise<PathEntry> {
  try {
    const { bytes, contentType } = await fetchUrl(url, options);
    return { origin: url, bytes, contentType };
  } catch (error) {
    if (!isRemitError(error) || error.code === 'forbidden_url' || error.code === 'bad_input') throw error;
    return { origin: url, skipped: error.message };
  }
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw createError({
      code: 'not_found',
      message: `No such file or folder: ${path}`,
      hint: 'Check the path; it is resolved from the current directory',
      cause: error,
      details: { path },
    });
  }
}

function reasonOf(details: unknown): string | undefined {
  return typeof details === 'object' && details !== null && 'reason' in details && typeof details.reason === 'string' ? details.reason : undefined;
}
