// Bytes -> string, refusing what is not text: too large, binary, or not valid UTF-8.
import { refuse } from './refuse.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

// Text may carry a few stray control characters; more than this share of a sample means binary.
const MAX_CONTROL_RATIO = 0.1;
const SAMPLE_BYTES = 64 * 1024;

export function decodeText(origin: string, bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): string {
  if (bytes.byteLength > maxBytes) {
    throw refuse(origin, `it is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit`, 'Split the file or raise the size limit');
  }
  if (bytes.indexOf(0) !== -1) throw refuse(origin, 'it looks binary (it contains NUL bytes)');
  if (controlRatio(bytes.subarray(0, SAMPLE_BYTES)) > MAX_CONTROL_RATIO) {
    throw refuse(origin, 'it looks binary (too many control characters)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw refuse(origin, 'it is not valid UTF-8', 'Convert the file to UTF-8 and try again', error);
  }
}

/** Share of bytes that are C0 controls other than tab, line feed, form feed and carriage return. */
function controlRatio(sample: Uint8Array): number {
  if (sample.byteLength === 0) return 0;
  let controls = 0;
  for (const byte of sample) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) controls++;
  }
  return controls / sample.byteLength;
}
