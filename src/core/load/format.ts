// Which reader a file needs: an explicit content type wins (HTTP knows), else the extension of the origin's path.
export type Format = 'text' | 'markdown' | 'html';

const BY_EXTENSION: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
};

const BY_CONTENT_TYPE: Record<string, Format> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
};

/** The lower-cased extension of a file path or URL path ('' when there is none). */
export function extensionOf(origin: string): string {
  const path = origin.replace(/[?#].*$/, '');
  const name = path.slice(path.search(/[^/\\]*$/));
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function detectFormat(origin: string, contentType?: string): Format | undefined {
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return (mime ? BY_CONTENT_TYPE[mime] : undefined) ?? BY_EXTENSION[extensionOf(origin)];
}
