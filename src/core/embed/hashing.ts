// The offline default embedder: signed feature hashing of words, word pairs and character n-grams. No weights, no state.
import { createError } from '../errors.js';
import type { EmbedKind, Embedder } from './embedder.js';
import { tokenize } from './tokens.js';

export const HASHING_VERSION = 1;
export const DEFAULT_HASHING_DIMENSIONS = 512;

export interface HashingOptions {
  /** Vector size; a power of two from 64 to 8192. */
  dimensions?: number;
}

/** Share of the vector's energy given to each feature family; static, so the embedder stays stateless. */
const FAMILY_WEIGHTS = { words: 1, pairs: 0.55, grams: 0.75 } as const;
/** Character n-gram lengths taken within each word (with `<` `>` word boundary marks). */
const GRAM_MIN = 3;
const GRAM_MAX = 5;
/** Distinct seeds keep the word "fine", the pair "fine x" and the gram "fine" apart in hash space. */
const SEED = { words: 0x811c9dc5, pairs: 0x050c5d1f, grams: 0x1b873593, empty: 0x5bd1e995 } as const;
const LEFT_MARK = 60; // '<'
const RIGHT_MARK = 62; // '>'

export const hashingId = (dimensions: number): string => `hashing-v${HASHING_VERSION}-${dimensions}`;

/** The dimensions encoded in a hashing embedder id, or null when the id is not one this version can produce. */
export function parseHashingId(id: string): { dimensions: number } | null {
  const match = /^hashing-v(\d+)-(\d+)$/.exec(id);
  if (!match || Number(match[1]) !== HASHING_VERSION || !isValidDimensions(Number(match[2]))) return null;
  return { dimensions: Number(match[2]) };
}

const isValidDimensions = (n: number): boolean => Number.isInteger(n) && n >= 64 && n <= 8192 && (n & (n - 1)) === 0;

export class HashingEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  constructor(options: HashingOptions = {}) {
    const dimensions = options.dimensions ?? DEFAULT_HASHING_DIMENSIONS;
    if (!isValidDimensions(dimensions)) {
      throw createError({
        code: 'bad_input',
        message: `Hashing embedder dimensions must be a power of two from 64 to 8192, got ${dimensions}`,
        hint: `Use ${DEFAULT_HASHING_DIMENSIONS}.`,
      });
    }
    this.dimensions = dimensions;
    this.id = hashingId(dimensions);
  }

  // Symmetric model: queries and passages are embedded the same way.
  async embed(texts: readonly string[], _kind: EmbedKind): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const { content } = tokenize(text);
    const vector = new Float32Array(this.dimensions);
    if (content.length === 0) {
      // No features at all (empty or punctuation only): one fixed unit vector, so every text gets a valid direction.
      addFeature(vector, fmix32(SEED.empty), 1);
      return vector;
    }
    const words = new Map<string, number>();
    const pairs = new Map<number, number>();
    let previous = 0;
    for (let i = 0; i < content.length; i++) {
      const token = content[i]!;
      words.set(token, (words.get(token) ?? 0) + 1);
      const hash = fnv1a(token, SEED.words);
      if (i > 0) {
        // Order-sensitive combination: "fine ofcom" and "ofcom fine" are different pairs.
        const pair = Math.imul(previous, 0x9e3779b1) ^ hash ^ SEED.pairs;
        pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
      }
      previous = hash;
    }
    const family = new Float32Array(this.dimensions);
    for (const [token, tf] of words) addFeature(family, fmix32(fnv1a(token, SEED.words)), sublinear(tf));
    addScaled(vector, family, FAMILY_WEIGHTS.words);
    for (const [hash, tf] of pairs) addFeature(family, fmix32(hash), sublinear(tf));
    addScaled(vector, family, FAMILY_WEIGHTS.pairs);
    // Grams are weighted by their word's frequency: sublinear per word, and no map of every gram to count.
    for (const [token, tf] of words) addGrams(family, token, sublinear(tf));
    addScaled(vector, family, FAMILY_WEIGHTS.grams);
    return normalise(vector);
  }
}

const sublinear = (tf: number): number => 1 + Math.log(tf);

/** Hashes every 3..5-gram of `<token>` straight from char codes, extending each hash instead of slicing strings. */
function addGrams(family: Float32Array, token: string, value: number): void {
  const length = token.length + 2;
  for (let start = 0; start + GRAM_MIN <= length; start++) {
    let hash: number = SEED.grams;
    for (let end = start; end < length && end - start < GRAM_MAX; end++) {
      const code = end === 0 ? LEFT_MARK : end === length - 1 ? RIGHT_MARK : token.charCodeAt(end - 1);
      hash = Math.imul(hash ^ code, 0x01000193);
      if (end - start + 1 >= GRAM_MIN) addFeature(family, fmix32(hash), value);
    }
  }
}

/** Adds a family scaled so its own norm is `weight`, then clears it for the next family. */
function addScaled(vector: Float32Array, family: Float32Array, weight: number): void {
  const norm = Math.sqrt(squaredNorm(family));
  if (norm > 0) {
    const scale = weight / norm;
    for (let i = 0; i < vector.length; i++) vector[i]! += family[i]! * scale;
  }
  family.fill(0);
}

/** Low bits pick the slot, the top bit the sign, so colliding features cancel on average rather than pile up. */
function addFeature(vector: Float32Array, mixed: number, value: number): void {
  const slot = mixed & (vector.length - 1);
  vector[slot]! += mixed < 0 ? -value : value;
}

function squaredNorm(vector: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return sum;
}

function normalise(vector: Float32Array): Float32Array {
  const norm = Math.sqrt(squaredNorm(vector));
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}

/** FNV-1a 32-bit over UTF-16 code units; inlined because hashing substrings in place is what makes this fast. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** MurmurHash3's finaliser: FNV's low bits avalanche poorly, and the slot is taken from the low bits. */
function fmix32(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
