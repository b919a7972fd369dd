// One file's bytes -> a cleaned Document. Everything that is not loadable text is refused with a typed error.
import { z } from 'zod';
import { createError, isRemitError } from '../errors.js';
import { Document } from '../schema.js';
import { decodeText, DEFAULT_MAX_BYTES } from './decode.js';
import { detectFormat, extensionOf } from './format.js';
import { identify } from './identity.js';
import { readFormat, type Extracted } from './readers.js';
import { refuse, SUPPORTED_HINT } from './refuse.js';
import { cutAtWord, headlineFromText, MAX_TITLE } from './title.js';

export const LoadInput = z.object({
  /** A file path as given at ingest, or a URL. */
  origin: z.string().min(1, 'origin must not be empty'),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes must be a Uint8Array'),
  /** A MIME type (from HTTP); when recognised it decides the format over the extension. */
  contentType: z.string().optional(),
});
export type LoadInput = z.infer<typeof LoadInput>;

export interface LoadOptions {
  /** Files larger than this are refused. Default 10 MB. */
  maxBytes?: number;
  /** Told what was read but left out (a URL that is not http(s)), one line each, without the origin. */
  warn?: (warning: string) => void;
}

export async function loadDocument(input: LoadInput, options: LoadOptions = {}): Promise<Document> {
  const parsedInput = LoadInput.safeParse(input);
  if (!parsedInput.success) {
    throw createError({ code: 'bad_input', message: `Invalid load input: ${z.prettifyError(parsedInput.error)}`, cause: parsedInput.error });
  }
  const { origin, bytes, contentType } = parsedInput.data;
  const format = detectFormat(origin, contentType);
  if (!format) {
    const extension = extensionOf(origin);
    throw refuse(origin, extension ? `'.${extension}' is not a supported file type` : 'it has no file extension or known content type');
  }
  const source = decodeText(origin, bytes, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const { warnings, ...extracted } = extract(format, origin, source);
  for (const warning of warnings ?? []) options.warn?.(warning);
  const paragraphs = withoutRepeatedTitle(extracted.paragraphs, extracted.title);
  const text = paragraphs.join('\n\n');
  if (!text) throw refuse(origin, 'no text is left after cleaning (it is empty, or only markup and boilerplate)');
  const { id, hash } = await identify(text);
  const document = Document.safeParse({
    ...extracted,
    id,
    hash,
    origin,
    text,
    title: cutAtWord(extracted.title ?? headlineFromText(text), MAX_TITLE),
    sources: extracted.sources ?? [],
  });
  if (!document.success) throw createError({ code: 'internal', message: `Loaded ${origin} into an invalid document`, cause: document.error });
  return document.data;
}

// Parsers are third-party code fed hostile input: whatever they throw becomes a refusal naming the file.
function extract(format: Parameters<typeof readFormat>[0], origin: string, source: string): Extracted {
  try {
    return readFormat(format, origin, source);
  } catch (error) {
    if (isRemitError(error)) throw error;
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw refuse(origin, `it could not be read as ${format} (${detail})`, SUPPORTED_HINT, error);
  }
}

/** The title is metadata; a first paragraph that only repeats it is dropped (unless it is all there is). */
function withoutRepeatedTitle(paragraphs: string[], title: string | undefined): string[] {
  const [first, ...rest] = paragraphs;
  if (!title || first === undefined || rest.length === 0) return paragraphs;
  const same = (a: string): string => a.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return same(first) === same(title) ? rest : paragraphs;
}
