// Seeded synthetic corpus: article-like Documents sized so chunkDocument yields an exact chunk count, plus the real corpus.
// Words follow a Zipf law over a domain vocabulary and seeded pseudo-words, so BM25 and vectors see realistic skew.
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../src/core/ingest/chunk.js';
import { identify } from '../src/core/load/identity.js';
import type { Document } from '../src/core/schema.js';
import { seededRandom } from '../test/support/seeded-random.js';

export interface SyntheticOptions {
  /** Exact number of chunks chunkDocument yields over all documents. */
  chunks: number;
  seed?: number;
  /** Share of documents that are syndicated near-copies of an earlier one (another outlet, a changed lede). */
  syndicatedShare?: number;
  /** How many queries to draw (default 200). */
  queries?: number;
}

export interface SyntheticCorpus {
  documents: Document[];
  chunks: number;
  /** Questions drawn from random chunks (the chunk they came from is where an exact search should look). */
  queries: string[];
}

export const DEFAULT_SEED = 20260101;

const REGULATORS = ['Ofcom', 'the eSafety Commissioner', 'the European Commission', 'the ICO', 'the CMA', 'Arcom', 'the FTC', 'Coimisiún na Meán', 'the ACMA', 'the Garante'];
const ACTS = ['Online Safety Act', 'Digital Services Act', 'Online Safety Act 2021', 'Data Protection Act', 'Digital Markets Act', 'Communications Act', 'Crime and Policing Bill'];
const COMPANIES = ['X', 'Meta', 'TikTok', 'Snap', 'Google', 'Apple', 'Reddit', 'Telegram', 'Discord', 'Roblox', '4chan', 'OnlyFans', 'Pornhub', 'Twitch', 'Kick'];
const FIRST = ['Sarah', 'James', 'Priya', 'Tom', 'Aisha', 'Liam', 'Grace', 'Omar', 'Chloe', 'Daniel', 'Mei', 'Kwame', 'Isabel', 'Rhys', 'Fatima', 'Jonas'];
const LAST = ['Rogers', 'Patel', 'Okafor', 'Nguyen', 'Fischer', 'Kendall', 'Moreau', 'Walsh', 'Haddad', 'Lindqvist', 'Kowalski', 'Tanaka', 'Reyes', 'Byrne'];
const ROLES = ['chief executive', 'minister', 'spokesperson', 'director of enforcement', 'shadow secretary', 'commissioner', 'policy lead', 'senator'];
const OUTLETS = ['Reuters', 'the BBC', 'the Guardian', 'AP', 'Bloomberg', 'Politico', 'the Financial Times', 'Sky News'];
const PLACES = ['London', 'Brussels', 'Canberra', 'Dublin', 'Paris', 'Washington', 'Jakarta', 'Kuala Lumpur', 'Ottawa', 'Berlin'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const DOMAIN = (
  'regulator fine penalty turnover investigation enforcement notice platform service provider children safety harm illegal content ' +
  'duty code practice risk assessment age assurance verification court order block access restriction appeal tribunal consultation ' +
  'guidance deadline compliance breach information request audit transparency report algorithm recommender moderation image deepfake ' +
  'chatbot model account user minister parliament bill amendment law offence prosecution police evidence complaint evidence ' +
  'revenue worldwide global million billion percent fee threshold category register search pornography abuse terrorism fraud scam'
).split(' ');
const FUNCTION_WORDS = 'the of and to a in that for on with as by at from it is was said would could has have will be its their this under after'.split(' ');


class Words {
  readonly #random: () => number;
  readonly #vocabulary: string[];
  /** Cumulative Zipf weights (s = 1) over the vocabulary, for a binary-search draw. */
  readonly #cumulative: Float64Array;

  constructor(random: () => number, pseudoWords = 6000) {
    this.#random = random;
    const syllables = ['ka', 're', 'mo', 'li', 'sun', 'ter', 'van', 'dor', 'pel', 'mis', 'tra', 'co', 'ne', 'bri', 'sta', 'lu', 'gan', 'fe', 'ro', 'dil'];
    const made = new Set<string>();
    while (made.size < pseudoWords) {
      const n = 2 + Math.floor(random() * 3);
      made.add(Array.from({ length: n }, () => this.pick(syllables)).join(''));
    }
    this.#vocabulary = [...DOMAIN, ...made];
    this.#cumulative = new Float64Array(this.#vocabulary.length);
    let sum = 0;
    this.#vocabulary.forEach((_, i) => (this.#cumulative[i] = sum += 1 / (i + 1)));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1));
  }

  /** A content word drawn by Zipf rank. */
  word(): string {
    const target = this.#random() * this.#cumulative[this.#cumulative.length - 1]!;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.#vocabulary[lo]!;
  }

  person(): string {
    return `${this.pick(FIRST)} ${this.pick(LAST)}`;
  }

  money(): string {
    return this.chance(0.5) ? `£${this.int(1, 40)} million` : `€${this.int(1, 900)} million`;
  }

  date(): string {
    return `${this.int(1, 28)} ${this.pick(MONTHS)} ${this.int(2019, 2026)}`;
  }

  /** A free sentence: function and content words in a rough subject-verb-object rhythm. */
  filler(): string {
    const length = this.int(12, 28);
    const words = Array.from({ length }, (_, i) => (i % 3 === 1 ? this.pick(FUNCTION_WORDS) : this.word()));
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  }

  sentence(): string {
    switch (this.int(0, 7)) {
      case 0:
        return `${capital(this.pick(REGULATORS))} said it could fine ${this.pick(COMPANIES)} up to ${this.money()} or ${this.int(1, 10)}% of its worldwide turnover under the ${this.pick(ACTS)}.`;
      case 1:
        return `${this.person()}, the ${this.pick(ROLES)}, told ${this.pick(OUTLETS)} on ${this.pick(DAYS)} that the ${this.word()} ${this.word()} would be reviewed by ${this.pick(MONTHS)}.`;
      case 2:
        return `The investigation into ${this.pick(COMPANIES)} opened on ${this.date()} and concerns ${this.word()} ${this.word()} and ${this.word()}.`;
      case 3:
        return `In ${this.pick(PLACES)}, ${this.pick(REGULATORS)} issued an information notice asking for ${this.word()} ${this.word()} data within ${this.int(2, 30)} days.`;
      default:
        return this.filler();
    }
  }

  paragraph(): string {
    return Array.from({ length: this.int(2, 6) }, () => this.sentence()).join(' ');
  }
}

const capital = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

async function toDocument(text: string, title: string, origin: string, publisher: string, date: string): Promise<Document> {
  return { ...(await identify(text)), title, origin, publisher, date, sources: [], text };
}

/** Deterministic for a seed: the same options give the same documents, byte for byte. */
export async function syntheticCorpus(options: SyntheticOptions): Promise<SyntheticCorpus> {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const words = new Words(random);
  const syndicatedShare = options.syndicatedShare ?? 0.05;
  const documents: Document[] = [];
  const texts: string[] = [];
  const queries: string[] = [];
  const wantedQueries = options.queries ?? 200;
  // Documents average ~6.4 chunks; draw 1.5x what is wanted per document on average, then keep the first ones.
  const queriesPerDoc = (wantedQueries * 1.5 * 6.4) / options.chunks;
  let total = 0;
  while (total < options.chunks) {
    const n = documents.length;
    const syndicated = texts.length > 0 && words.chance(syndicatedShare);
    let text = syndicated ? syndicate(words, words.pick(texts)) : Array.from({ length: words.int(3, 14) }, () => words.paragraph()).join('\n\n');
    let chunks = chunkDocument({ id: 'x', text }, DEFAULT_CHUNK_OPTIONS);
    const room = options.chunks - total;
    if (chunks.length > room) {
      // Cut at the end of the last chunk that fits: the greedy chunker yields the same first chunks for the prefix.
      text = text.slice(0, chunks[room - 1]!.end);
      chunks = chunkDocument({ id: 'x', text }, DEFAULT_CHUNK_OPTIONS);
    }
    const month = String(words.int(1, 12)).padStart(2, '0');
    const day = String(words.int(1, 28)).padStart(2, '0');
    const publisher = words.pick(OUTLETS);
    documents.push(await toDocument(text, `${words.pick(REGULATORS)} and ${words.pick(COMPANIES)}: report ${n}`, `synthetic/${String(n).padStart(6, '0')}.txt`, publisher, `2025-${month}-${day}`));
    texts.push(text);
    total += chunks.length;
    const draws = Math.floor(queriesPerDoc) + (words.chance(queriesPerDoc % 1) ? 1 : 0);
    for (let i = 0; i < draws; i++) queries.push(queryFrom(words, chunks[words.int(0, chunks.length - 1)]!.text));
  }
  if (total !== options.chunks) throw new Error(`Synthetic corpus has ${total} chunks, wanted ${options.chunks}`);
  return { documents, chunks: total, queries: queries.slice(0, wantedQueries) };
}

/** Another outlet's copy: its own lede and sign-off around the same body, so MinHash groups the shared passages. */
function syndicate(words: Words, original: string): string {
  const lede = `${words.pick(PLACES)} (${words.pick(OUTLETS)}) - ${words.sentence()}`;
  return `${lede}\n\n${original}\n\nReporting by ${words.person()}; editing by ${words.person()}.`;
}

/** A question-like query: a few content words of one sentence of the chunk, wrapped in a question. */
function queryFrom(words: Words, chunkText: string): string {
  const sentences = chunkText.split(/(?<=\.)\s+/);
  const picked = words.pick(sentences).replace(/[.,]/g, '').split(/\s+/).filter((w) => w.length > 3 && !FUNCTION_WORDS.includes(w.toLowerCase()));
  const start = words.int(0, Math.max(0, picked.length - 5));
  return `What about ${picked.slice(start, start + words.int(3, 6)).join(' ')}?`;
}

/** The real corpus: the project's explainers and the shared news articles, read at run time. */
export async function realDocuments(paths: readonly string[]): Promise<Document[]> {
  const { loadPaths } = await import('../src/adapter/node/read-paths.js');
  return (await loadPaths(paths)).documents;
}
