// Near-duplicate passages (syndicated agency copy) found with MinHash + LSH banding, grouped with union-find.

/** 64 min-hashes in 16 bands of 4 rows: pairs with Jaccard ~0.5 or more become candidates (threshold ≈ (1/16)^(1/4)). */
export const SIGNATURE_SIZE = 64;
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
/** Estimated Jaccard similarity of word 3-gram shingles at which two passages count as the same passage. */
export const DUPLICATE_JACCARD = 0.5;

// Fixed seeds so signatures are comparable across runs and machines.
const SEEDS = Int32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32Int(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));
const SIGN_BIT = 0x80000000 | 0;

/** Words folded for comparison: case, accents, curly quotes and punctuation do not make passages differ. */
export function comparableWords(text: string): string[] {
  // ASCII has no decompositions, marks or letters beyond a-z: the ASCII path gives the same words ~3x faster.
  if (!NON_ASCII.test(text)) return text.toLowerCase().split(ASCII_WORD_BREAK).filter(Boolean);
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD_RUN) ?? [];
}

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}/gu;
// Matching the runs is ~1.5x faster than splitting on what lies between them, and gives the same words.
const WORD_RUN = /[\p{L}\p{N}£$€%]+/gu;
const ASCII_WORD_BREAK = /[^a-z0-9$%]+/;

/**
 * Hashes of word 3-grams (or of the words themselves for passages under three words), repeats kept: a minimum does
 * not mind them, and a typed array spares a Set of boxed numbers (~half of a signature's time).
 */
function shingleHashes(text: string): Int32Array {
  const words = comparableWords(text);
  const size = words.length >= 3 ? 3 : 1;
  const hashes = new Int32Array(Math.max(0, words.length - size + 1));
  for (let i = 0; i < hashes.length; i++) {
    // FNV-1a of the words joined by single spaces, hashed in place instead of building the joined string.
    let hash = fnv1aContinue(FNV_OFFSET, words[i]!);
    for (let j = i + 1; j < i + size; j++) hash = fnv1aContinue(Math.imul(hash ^ SPACE, FNV_PRIME), words[j]!);
    hashes[i] = hash;
  }
  return hashes;
}

export function minHashSignature(text: string): Uint32Array {
  const hashes = shingleHashes(text);
  const signature = new Uint32Array(SIGNATURE_SIZE);
  // Seed by seed over a flat array keeps the running minimum in a register: ~2x faster than shingle by shingle.
  // The minimum is taken over int32s with the sign bit flipped, which orders them as their uint32 bits would: the
  // same signature, with every value an int32 throughout.
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const seed = SEEDS[i]!;
    let min = 0x7fffffff;
    for (let j = 0; j < hashes.length; j++) {
      const h = mix32Int(hashes[j]! ^ seed) ^ SIGN_BIT;
      if (h < min) min = h;
    }
    signature[i] = min ^ SIGN_BIT;
  }
  return signature;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

export interface SignedChunk {
  chunkId: string;
  docId: string;
  signature: Uint32Array;
  /** Set for chunks already in the index. */
  dupGroup?: string;
}

export interface Grouping {
  /** Group of every chunk given (existing and new). */
  groupOf: Map<string, string>;
  /** Existing chunks whose group changed (a new passage bridged two groups). */
  regrouped: { chunkId: string; dupGroup: string }[];
}

/**
 * Assigns near-duplicate groups. Chunks of the same document are never merged with each other
 * (overlapping neighbours are not syndication). Existing group ids are kept where possible.
 */
export function groupNearDuplicates(existing: readonly SignedChunk[], added: readonly SignedChunk[]): Grouping {
  const all = [...existing, ...added];
  const parent = all.map((_, i) => i);
  // Iterative, with path compression: a recursive find overflowed the stack on a chain of tens of thousands of copies.
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) [i, parent[i]] = [parent[i]!, root];
    return root;
  };
  const firstAdded = existing.length;
  // Buckets as chains through `earlier` (the previous index with the same key, or -1) from the last index per key:
  // no array per bucket, and 30-bit keys stay small integers. A pair counts only when the band's rows really are
  // equal, so a key collision never makes a candidate.
  const earlier = new Int32Array(all.length);
  const byDocument = new Map<string, number[]>();
  for (let band = 0; band < BANDS; band++) {
    const lastWithKey = new Map<number, number>();
    for (let i = 0; i < all.length; i++) {
      const key = bandHash(all[i]!.signature, band) & 0x3fffffff;
      earlier[i] = lastWithKey.get(key) ?? -1;
      lastWithKey.set(key, i);
    }
    for (const last of lastWithKey.values()) {
      if (earlier[last] === -1) continue;
      // Only chunks of different documents are compared, so a bucket is split by document first: a document that
      // repeats one passage thousands of times fills one bucket, and comparing within it was quadratic for nothing.
      byDocument.clear();
      for (let i = last; i !== -1; i = earlier[i]!) {
        const docId = all[i]!.docId;
        const members = byDocument.get(docId);
        if (members) members.push(i);
        else byDocument.set(docId, [i]);
      }
      if (byDocument.size < 2) continue;
      const groups = [...byDocument.values()];
      for (let g = 0; g < groups.length; g++) {
        for (let h = g + 1; h < groups.length; h++) {
          for (const i of groups[g]!) {
            for (const j of groups[h]!) {
              // Existing pairs were compared when they were added.
              if (i < firstAdded && j < firstAdded) continue;
              const [a, b] = [all[i]!, all[j]!];
              if (find(i) === find(j) || !sameBand(a.signature, b.signature, band)) continue;
              if (estimatedJaccard(a.signature, b.signature) >= DUPLICATE_JACCARD) parent[find(i)] = find(j);
            }
          }
        }
      }
    }
  }
  // A component keeps the smallest existing group id among its members, else its smallest chunk id.
  const existingLabel = new Map<number, string>();
  const newLabel = new Map<number, string>();
  all.forEach((chunk, i) => {
    const root = find(i);
    const labels = chunk.dupGroup === undefined ? newLabel : existingLabel;
    const candidate = chunk.dupGroup ?? chunk.chunkId;
    const current = labels.get(root);
    if (current === undefined || candidate < current) labels.set(root, candidate);
  });
  const label = (root: number) => existingLabel.get(root) ?? newLabel.get(root)!;
  const groupOf = new Map<string, string>();
  const regrouped: Grouping['regrouped'] = [];
  all.forEach((chunk, i) => {
    const group = label(find(i));
    groupOf.set(chunk.chunkId, group);
    if (chunk.dupGroup !== undefined && chunk.dupGroup !== group) regrouped.push({ chunkId: chunk.chunkId, dupGroup: group });
  });
  return { groupOf, regrouped };
}

function bandHash(signature: Uint32Array, band: number): number {
  let hash = FNV_OFFSET;
  for (let r = band * ROWS; r < band * ROWS + ROWS; r++) hash = mix32(hash ^ signature[r]!) + r;
  return hash >>> 0;
}

function sameBand(a: Uint32Array, b: Uint32Array, band: number): boolean {
  for (let r = band * ROWS; r < band * ROWS + ROWS; r++) if (a[r] !== b[r]) return false;
  return true;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;

function fnv1aContinue(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** MurmurHash3's finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix32(x: number): number {
  return mix32Int(x) >>> 0;
}

/** mix32's bits as an int32. */
function mix32Int(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}
