// The only URLs Remit stores or emits are absolute http(s) ones: a javascript:, data: or file: URL in a source's
// metadata would become a link in every client that shows a citation.
import type { SourceRef } from './schema.js';

export function isWebUrl(value: string | undefined): value is string {
  if (value === undefined) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** What was dropped, by field path (`url`, `sources[0].url`), with the value as given. */
export interface DroppedUrl {
  field: string;
  value: string;
}

/** The metadata with every URL that is not http(s) left out, and what was left out. */
export function keepWebUrls<T extends { url?: string; sources?: SourceRef[] }>(meta: T): { meta: T; dropped: DroppedUrl[] } {
  const dropped: DroppedUrl[] = [];
  const kept = { ...meta };
  if (meta.url !== undefined && !isWebUrl(meta.url)) {
    dropped.push({ field: 'url', value: meta.url });
    delete kept.url;
  }
  if (meta.sources) {
    kept.sources = meta.sources.map((source, i) => {
      if (source.url === undefined || isWebUrl(source.url)) return source;
      dropped.push({ field: `sources[${i}].url`, value: source.url });
      const { url: _dropped, ...rest } = source;
      return rest;
    });
  }
  return { meta: kept, dropped };
}

/** A warning line for a dropped URL (its value cut short: a data: URL can be a whole page). */
export const droppedUrlWarning = (where: string, { field, value }: DroppedUrl): string =>
  `${where}${field}: ${JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value)} is not an http(s) URL; dropped`;
