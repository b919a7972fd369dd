// `remit ingest https://...`: fetch one URL's bytes behind the SSRF guard, with redirects re-checked and size and time capped.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createError, isRemitError } from '../../core/errors.js';
import { forbidden, type ResolvedAddress, type ResolveHost, vetHost } from './url-guard.js';

export interface FetchUrlOptions {
  /** Connect to loopback, private, link-local and other non-public addresses (off by default). */
  allowPrivate?: boolean;
  /** Largest body, in bytes; the download is cut as soon as it passes this. Default 5 MB. */
  maxBytes?: number;
  /** The whole fetch, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Host resolution (tests pin names to loopback); DNS by default. */
  resolve?: ResolveHost;
  /** Why an address is not public, or undefined when it may be fetched; `nonPublicRange` by default. */
  rangeOf?: (address: string) => string | undefined;
}

export interface FetchedUrl {
  /** The URL the body came from, after redirects. */
  url: string;
  bytes: Uint8Array;
  contentType?: string;
}

export const FETCH_DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 5 } as const;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** True for arguments that are URLs rather than paths. */
export const isUrlArgument = (arg: string): boolean => /^https?:\/\//i.test(arg);

export async function fetchUrl(url: string, options: FetchUrlOptions = {}): Promise<FetchedUrl> {
  const { maxBytes, timeoutMs, maxRedirects } = { ...FETCH_DEFAULTS, ...options };
  const signal = AbortSignal.timeout(timeoutMs);
  let current = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    // Each hop is vetted and the socket pinned to the vetted address, so a second DNS answer cannot redirect it.
    const address = await vetHost(current.hostname, options);
    const response = await get(current, address, signal).catch((error: unknown) => Promise.reject(networkError(url, error, timeoutMs)));
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status) && response.headers.location) {
      response.resume();
      if (hop >= maxRedirects) throw upstream(`${url} redirects more than ${maxRedirects} times`, 'Ingest the final URL directly');
      current = parseHttpUrl(new URL(response.headers.location, current).href);
      continue;
    }
    if (status < 200 || status > 299) {
      response.resume();
      throw upstream(`${current.href} answered HTTP ${status}`, 'Check the URL opens in a browser');
    }
    const bytes = await readCapped(response, maxBytes, current.href).catch((error: unknown) =>
      Promise.reject(isRemitError(error) ? error : networkError(url, error, timeoutMs)),
    );
    return { url: current.href, bytes, contentType: response.headers['content-type'] };
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw createError({ code: 'bad_input', message: `Not a URL: ${text}`, hint: 'Give a full http:// or https:// URL', cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw forbidden(`${url.protocol} URLs are not fetched (only http and https)`);
  return url;
}

function get(url: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  // Whatever name the socket asks about, it gets the vetted address (both lookup shapes: single, and all for happy eyeballs).
  const lookup = ((_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    opts?.all ? callback(null, [pinned]) : callback(null, pinned.address, pinned.family)) as unknown as LookupFunction;
  const options: RequestOptions = {
    method: 'GET',
    lookup,
    signal,
    headers: { 'user-agent': 'remit-ingest', accept: 'text/html, text/markdown, text/plain;q=0.9, */*;q=0.1' },
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, options, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  const tooLarge = () =>
    createError({ code: 'unsupported_file', message: `${url} is over the ${maxBytes}-byte limit`, hint: 'Download it and ingest the file', details: { reason: `it is over the ${maxBytes}-byte limit` } });
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of response as AsyncIterable<Buffer>) {
    size += part.byteLength;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    parts.push(part);
  }
  return new Uint8Array(Buffer.concat(parts));
}

const upstream = (message: string, hint: string, cause?: unknown) => createError({ code: 'upstream', message, hint, cause });

function networkError(url: string, error: unknown, timeoutMs: number) {
  if (isRemitError(error)) return error;
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return upstream(`${url} did not answer within ${timeoutMs} ms`, 'Try again later or ingest a saved copy', error);
  const code = (error as NodeJS.ErrnoException)?.code;
  return upstream(`Cannot fetch ${url} (${code ?? (error as Error)?.message ?? String(error)})`, 'Check the URL and your network', error);
}
