// The body of POST /api/ingest, read and validated: JSON text or a multipart file upload. Kept apart from the route so
// a runtime can do it off its event loop (on Node, the ingest thread parses a 10 MB body: ~200 ms of JSON.parse and
// decoding that would otherwise hold up every other request).
import { createError } from '../core/errors.js';
import { IsoDate } from '../core/schema.js';
import type { IngestReport } from '../core/ingest/ingest.js';
import type { IngestBody, IngestFn, IngestInput } from './deps.js';
import { z } from './openapi-schemas.js';

const Metadata = {
  origin: z.string().min(1).max(500).optional().meta({ description: 'Stable name of the source; re-ingesting the same origin replaces it' }),
  title: z.string().min(1).max(500).optional(),
  publisher: z.string().max(200).optional(),
  date: IsoDate.optional(),
  // Shown as a link beside every citation: http(s) only (a javascript: or data: URL would run in a reader's browser).
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
};

export const IngestText = z
  .object({
    text: z.string().min(1, 'text must not be empty'),
    contentType: z.enum(['text/plain', 'text/markdown', 'text/html']).default('text/plain'),
    ...Metadata,
  })
  .meta({ id: 'IngestText' });

export const IngestUpload = z
  .object({
    file: z.custom<File>((value) => value instanceof File, 'expected a file').meta({ type: 'string', format: 'binary' }),
    ...Metadata,
  })
  .meta({ id: 'IngestUpload' });

const NEITHER = createError({
  code: 'bad_input',
  message: 'Send JSON with `text`, or a multipart form with a `file`',
  details: [{ path: ['text'], message: 'expected text or a file' }],
});

/** The upload the body describes; a RemitError (`validation`, `bad_input`) says what is wrong with it. */
export async function readIngestBody({ bytes, contentType }: IngestBody): Promise<IngestInput> {
  if (bytes.length === 0) throw NEITHER;
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    const { text, contentType: textType, origin, ...metadata } = valid(IngestText, parseJson(bytes));
    const textBytes = new TextEncoder().encode(text);
    return { origin: origin ?? `api:${await shortHash(textBytes)}`, bytes: textBytes, contentType: textType, metadata };
  }
  if (mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded') {
    const { file, origin, ...metadata } = valid(IngestUpload, await parseForm(bytes, contentType));
    return { origin: origin ?? `upload:${file.name}`, bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type || undefined, metadata };
  }
  throw NEITHER;
}

/** An ingest of parsed uploads as the route's IngestFn: the body is read on the caller's thread. */
export const ingestReadingBody =
  (ingest: (input: IngestInput) => Promise<IngestReport>): IngestFn =>
  async (body) =>
    ingest(await readIngestBody(body));

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw createError({ code: 'bad_input', message: `The body is not valid JSON: ${(error as Error).message}`, cause: error });
  }
}

/** A form's fields as an object (the first value of each name), as hono's form validator reads them. */
async function parseForm(bytes: Uint8Array, contentType: string): Promise<Record<string, unknown>> {
  try {
    const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form) fields[name] ??= value;
    return fields;
  } catch (error) {
    throw createError({ code: 'bad_input', message: 'The body is not a readable form', cause: error });
  }
}

function valid<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw createError({ code: 'validation', message: 'The request did not match the schema', details: parsed.error.issues });
}

async function shortHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
