// Exact BM25 full-text search over a small table held in memory. LanceDB's full-text search costs ~2.8 ms of CPU per
// query even over 1k rows (its fixed cost per query, most of a new question's time at that size); this costs ~0.1 ms.
// Tokens and scores are LanceDB's own: the same analyzer chain as the index's tokenizer config (apply-change.ts) and
// the same BM25 (lance-index scorer.rs), checked against LanceDB's search in text-in-memory.test.ts.
import { stem } from 'porter2';

// The 'simple' tokenizer (tantivy's SimpleTokenizer) splits on every char that is not alphanumeric in Rust's sense.
const WORD = /[\p{Alphabetic}\p{N}]+/gu;
/** RemoveLongFilter: tokens of this many UTF-8 bytes or more are dropped. */
const MAX_TOKEN_BYTES = 40;
/** tantivy's English stop words (Lucene's list), removed after stemming. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
/** Letters ASCII folding spells out rather than strips (Lucene's ASCIIFoldingFilter). */
const FOLDED: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ŋ: 'n', ŧ: 't', ħ: 'h' };
const encoder = new TextEncoder();

/** The tokens the index's analyzer makes of `text`: split, long ones dropped, lowercased, stemmed, stop words dropped, folded. */
export function analyze(text: string, stems: Map<string, string | null> = new Map()): string[] {
  const tokens: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    let token = stems.get(word);
    if (token === undefined) {
      token = analyzeWord(word);
      stems.set(word, token);
    }
    if (token !== null) tokens.push(token);
  }
  return tokens;
}

function analyzeWord(word: string): string | null {
  const ascii = !NON_ASCII.test(word);
  if ((ascii ? word.length : encoder.encode(word).length) >= MAX_TOKEN_BYTES) return null;
  // Char by char, as Rust's char::to_lowercase: no final-sigma context.
  const lower = ascii ? word.toLowerCase() : Array.from(word, (char) => char.toLowerCase()).join('');
  const stemmed = stem(lower);
  if (STOP_WORDS.has(stemmed)) return null;
  return ascii ? stemmed : fold(stemmed);
}

function fold(token: string): string {
  return token.normalize('NFD').replace(MARKS, '').replace(/[^\x00-\x7f]/g, (char) => FOLDED[char] ?? char);
}

// BM25 as LanceDB computes it, in f32.
const f32 = Math.fround;
const K1 = f32(1.2);
const B = 0.75;

export interface ScoredRow {
  /** The row's place in the texts the index was built from. */
  row: number;
  score: number;
}

/** An inverted index of one table version's text. */
export class TextInMemory {
  readonly #rows: number;
  /** token -> rows holding it, and how often. */
  readonly #postings: Map<string, { rows: number[]; counts: number[] }>;
  /** Each row's BM25 length norm, K1 * (1 - B + B * length / average length), as f32. */
  readonly #norms: Float32Array;

  /** The index of `texts` (`built` when TextInMemory.build made it already). */
  constructor(texts: readonly string[], built?: BuiltIndex) {
    if (!built) {
      const builder = new IndexBuilder(texts.length);
      texts.forEach((text, row) => builder.add(row, text));
      built = builder.finish();
    }
    ({ rows: this.#rows, postings: this.#postings, norms: this.#norms } = built);
  }

  /**
   * The same index, built `slice` rows at a time with `pause()` between slices: a server building it after a commit
   * keeps answering other requests meanwhile (2,000 rows are ~0.2 s of CPU, more on a busy machine).
   */
  static async build(texts: readonly string[], pause: () => Promise<unknown>, slice = 250): Promise<TextInMemory> {
    const builder = new IndexBuilder(texts.length);
    for (let row = 0; row < texts.length; row++) {
      if (row > 0 && row % slice === 0) await pause();
      builder.add(row, texts[row]!);
    }
    return new TextInMemory(texts, builder.finish());
  }

  /** The best `k` rows for `text` by BM25 (OR over its distinct tokens), best first; ties in row order. */
  search(text: string, k: number): ScoredRow[] {
    // Every BM25 term is positive, so 0 means not matched yet; a Float32Array rounds each sum to f32 as LanceDB's does.
    const scores = new Float32Array(this.#rows);
    const matched: number[] = [];
    const documents = f32(this.#rows);
    for (const token of new Set(analyze(text))) {
      const posting = this.#postings.get(token);
      if (!posting) continue;
      const containing = f32(posting.rows.length);
      const idf = f32(Math.log(f32(f32(f32(documents - containing) + 0.5) / f32(containing + 0.5)) + 1));
      posting.rows.forEach((row, i) => {
        const count = f32(posting.counts[i]!);
        const weight = f32(f32(f32(K1 + 1) * count) / f32(count + this.#norms[row]!));
        if (scores[row] === 0) matched.push(row);
        scores[row] = scores[row]! + f32(idf * weight);
      });
    }
    const ranked = matched.map((row) => ({ row, score: scores[row]! }));
    ranked.sort((a, b) => b.score - a.score || a.row - b.row);
    return ranked.slice(0, k);
  }
}

interface BuiltIndex {
  rows: number;
  postings: Map<string, { rows: number[]; counts: number[] }>;
  norms: Float32Array;
}

/** Postings and lengths row by row, then the length norms once every row is in. */
class IndexBuilder {
  readonly #postings = new Map<string, { rows: number[]; counts: number[] }>();
  readonly #lengths: Uint32Array;
  readonly #stems = new Map<string, string | null>();
  #total = 0;

  constructor(rows: number) {
    this.#lengths = new Uint32Array(rows);
  }

  add(row: number, text: string): void {
    const counts = new Map<string, number>();
    const tokens = analyze(text, this.#stems);
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) {
      let posting = this.#postings.get(token);
      if (!posting) this.#postings.set(token, (posting = { rows: [], counts: [] }));
      posting.rows.push(row);
      posting.counts.push(count);
    }
    this.#lengths[row] = tokens.length;
    this.#total += tokens.length;
  }

  finish(): BuiltIndex {
    const rows = this.#lengths.length;
    const averageLength = f32(f32(this.#total) / f32(rows));
    const norms = Float32Array.from(this.#lengths, (length) => f32(K1 * f32(f32(1 - B) + f32(f32(B * length) / averageLength))));
    return { rows, postings: this.#postings, norms };
  }
}
