// SQL literals for SQLite/D1 scripts: values are written into the text, so escaping here is the whole defence.

/** A string literal: quotes doubled; NUL, which a literal cannot hold, spliced in with char(0). */
export function sqlString(value: string): string {
  return value
    .split('\u0000')
    .map((part) => `'${part.replaceAll("'", "''")}'`)
    .join(' || char(0) || ');
}

/** NULL, an integer, or a string literal. */
export function sqlValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Only safe integers are written to SQL, got ${value}`);
    return String(value);
  }
  return sqlString(value);
}

const encoder = new TextEncoder();
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

/** Splits text into pieces of at most `maxChars` UTF-16 units, never between the halves of a surrogate pair. */
export function splitText(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + maxChars, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
