// An LRU bounded by the bytes of what it holds rather than by its number of entries: one cached reading of a whole
// document can weigh as much as a thousand readings of short chunks, so a count says little about memory (issue 24).
// Sizes are estimates of V8's heap layout (64-bit, no pointer compression), meant to err on the large side: shared
// strings are counted once per entry that holds them, and a sliced string as a copy.
import { LRUCache } from 'lru-cache';

/** Bytes of one pointer-sized slot in an object, array or hash table. */
const SLOT = 8;
/** A string's header (map, hash, length); its characters follow, rounded up to a slot. */
const STRING_HEADER = 16;
/** An object's header (map, properties, elements). */
const OBJECT_HEADER = 24;
/** An array's header plus its backing store's header. */
const ARRAY_HEADER = 48;
/** A Set or Map and its hash table's header. */
const COLLECTION_HEADER = 64;
/** Per entry of a Set (key, chain link, a share of the buckets) and of a Map (key, value, chain link, buckets). */
const SET_ENTRY = 3 * SLOT;
const MAP_ENTRY = 4 * SLOT;
/** A compiled regular expression costs far more than its source; a round guess. */
const REGEXP = 512;
/** A boxed number (a double, or an integer outside the small-integer range). */
const HEAP_NUMBER = 16;

const roundUp = (bytes: number): number => Math.ceil(bytes / SLOT) * SLOT;

/** Bytes of one string: one byte per character when all are Latin-1, else two. */
export function stringBytes(text: string): number {
  const perChar = /[^\u0000-\u00ff]/.test(text) ? 2 : 1;
  return roundUp(STRING_HEADER + text.length * perChar);
}

/**
 * Approximate heap bytes held by `root` and everything it reaches (each object once). Functions are counted as a
 * slot, not walked: cached values hold data, and a closure's scope cannot be seen from JavaScript anyway.
 */
export function approximateBytes(root: unknown): number {
  let bytes = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      bytes += stringBytes(value);
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 31) bytes += HEAP_NUMBER;
      continue;
    }
    if (typeof value === 'bigint') {
      bytes += HEAP_NUMBER + roundUp(value.toString(16).length / 2);
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      bytes += ARRAY_HEADER + value.length * SLOT;
      for (const item of value) stack.push(item);
    } else if (value instanceof Set) {
      bytes += COLLECTION_HEADER + value.size * SET_ENTRY;
      for (const item of value) stack.push(item);
    } else if (value instanceof Map) {
      bytes += COLLECTION_HEADER + value.size * MAP_ENTRY;
      for (const [key, item] of value) stack.push(key, item);
    } else if (value instanceof RegExp) {
      bytes += REGEXP + stringBytes(value.source);
    } else if (ArrayBuffer.isView(value)) {
      bytes += OBJECT_HEADER + 4 * SLOT + value.byteLength;
    } else if (value instanceof ArrayBuffer) {
      bytes += OBJECT_HEADER + value.byteLength;
    } else {
      const keys = Object.keys(value);
      bytes += OBJECT_HEADER + keys.length * SLOT;
      for (const key of keys) stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return bytes;
}

export interface ByteCacheOptions<K, V> {
  /** Most bytes held at once, keys included; 0 keeps nothing. */
  maxBytes: number;
  /** Bytes of one entry; approximateBytes of its key and value by default. */
  sizeOf?: (value: V, key: K) => number;
}

/**
 * A least-recently-used cache whose budget is bytes: adding an entry evicts the least recently used until the total
 * fits, and an entry larger than the whole budget is not kept at all (it would evict everything for one use).
 */
export function byteCache<K extends {}, V extends {}>(options: ByteCacheOptions<K, V>): LRUCache<K, V> {
  const sizeOf = options.sizeOf ?? ((value: V, key: K) => approximateBytes(key) + approximateBytes(value));
  // lru-cache needs a positive budget; an empty one is a cache that keeps nothing (every entry is too large).
  const maxSize = Math.max(1, Math.floor(options.maxBytes));
  // lru-cache refuses a size of 0 or less; every entry costs at least its slot in the cache.
  return new LRUCache<K, V>({ maxSize, maxEntrySize: maxSize, sizeCalculation: (value, key) => Math.max(SLOT, Math.ceil(sizeOf(value, key))) });
}
