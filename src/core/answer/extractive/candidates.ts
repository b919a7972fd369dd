// Hits -> candidate sentences with exact document offsets; syndicated copies of one sentence merged into one candidate.
import { LRUCache } from 'lru-cache';
import type { Citation, Hit } from '../../schema.js';
import { sentenceSpans } from '../../text/sentences.js';
import { initialisms, type Word, words } from './terms.js';

/** Shortest sentence worth citing, in words: shorter ones are captions, datelines or fragments. */
export const MIN_WORDS = 5;
/** Longest sentence worth citing, in words: longer ones are run-on boilerplate (donation appeals, lists). */
export const MAX_WORDS = 70;
/** White space between two sentences of one paragraph (or across a paragraph break), in characters. */
const MAX_SENTENCE_GAP = 3;
/** Word 3-gram Jaccard at which two sentences are the same passage (syndicated copy, light edits). */
export const SAME_SENTENCE_JACCARD = 0.8;

// A sentence ends with punctuation (perhaps inside quotes or brackets); headlines and captions do not.
const TERMINAL = /[.!?]["”’')\]]*$/;
// A pronoun as the subject ("It can also…", "Speaking in Canberra, he said…") points back at the sentence before.
const LEADING_PRONOUN = /^(?:\W*|[^,]{1,40},\s*)(?:he|she|it|they|this|these|his|her|its|their)\b/i;
const OPENING_QUOTE = /^["“‘']/;
const ATTRIBUTION = /\b(?:said|says|told|wrote|added|posted|according to|claimed|stated)\b/i;
// Where a sentence joins two statements: what one clause says (a figure, a date) need not be about the other's subject.
const CLAUSE_BREAK = /;|:\s|,\s+(?=(?:and|but|while|whereas|although)\b)|\s[—–]\s/g;
// A source saying the thing asked is not known ("has not been confirmed", "no fine had been reported"): no answer.
const STATES_UNKNOWN =
  /\b(?:has|have|had|was|were|is|are)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|reported|disclosed|published|announced|made public|established|set)\b|\bno\b[^.;]{0,60}\b(?:has|had|have)\s+(?:yet\s+)?been\s+(?:reported|confirmed|announced|published)\b|\b(?:is|was|remains)\s+(?:unclear|unknown|not known)\b/i;

export type CitationCarrier = Citation['alsoIn'][number];

export interface Clause {
  start: number;
  end: number;
  stems: Set<string>;
}

export interface Candidate {
  /** `docId:start`: one sentence of one document, however many chunks carry it. */
  key: string;
  hit: Hit;
  /** Position of the hit in the fused ranking, 0 = best. */
  hitRank: number;
  /** Document offsets: `document.text.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  words: Word[];
  /** Content stems, plus the initials of its names: what it mentions. */
  stems: Set<string>;
  /** Content stems of its words alone: what it says, for comparing sentences. */
  wordStems: Set<string>;
  /** Content stems in order, for word-pair matches. */
  sequence: string[];
  /** The sentence's clauses (offsets into `text`) with their content stems. */
  clauses: Clause[];
  /** Says that something is not known or not confirmed. */
  statesUnknown: boolean;
  /** Content stems of the sentence before it, when this one leans on it through a pronoun. */
  inherited: Set<string>;
  /** Key of the sentence before it in the same document, when this one leans on it. */
  leansOn?: string;
  /** Key of the sentence right after it in the same document, when retrieved too. */
  next?: string;
  wordCount: number;
  /** Worth citing on its own: a full sentence of sensible length. */
  citable: boolean;
  /** A bare quotation with no speaker named. */
  unattributedQuote: boolean;
  /** Other documents carrying this sentence (near-identical copies merged into this one). */
  alsoIn: CitationCarrier[];
  /** Word 3-grams, to find syndicated copies (empty unless citable). */
  shingles: ReadonlySet<string>;
}

/** What one sentence of a chunk says, whatever the question: the part of a candidate that never changes. */
type SentenceReading = Omit<Candidate, 'key' | 'hit' | 'hitRank' | 'start' | 'end' | 'inherited' | 'leansOn' | 'next' | 'alsoIn'> & {
  /** Offset of the sentence in its chunk. */
  offset: number;
};

/**
 * Chunk text -> its sentences, read. The same chunks come back across questions, and reading them (segmenting,
 * stemming, clauses, shingles) was ~40% of an extractive answer's time. Readings are shared, so never mutated.
 */
const readings = new LRUCache<string, readonly SentenceReading[]>({ max: 2000 });

/** Every sentence of every hit, once per document, with syndicated copies merged into the best-ranked one. */
export function collectCandidates(hits: readonly Hit[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  hits.forEach((hit, hitRank) => {
    for (const reading of readChunk(hit.chunk.text)) {
      const start = hit.chunk.start + reading.offset;
      const key = `${hit.document.id}:${start}`;
      if (!byKey.has(key)) byKey.set(key, toCandidate(hit, hitRank, start, key, reading));
    }
  });
  const candidates = [...byKey.values()];
  linkPronounsToPreviousSentence(candidates);
  return mergeSyndicatedCopies(candidates);
}

/** Links each sentence to the one after it in its document; one opening with a pronoun leans on the one before it. */
function linkPronounsToPreviousSentence(candidates: readonly Candidate[]): void {
  const endingAt = new Map<string, Candidate>();
  for (const c of candidates) endingAt.set(`${c.hit.document.id}:${c.end}`, c);
  for (const c of candidates) {
    for (let gap = 1; gap <= MAX_SENTENCE_GAP; gap++) {
      const previous = endingAt.get(`${c.hit.document.id}:${c.start - gap}`);
      if (!previous) continue;
      previous.next = c.key;
      if (LEADING_PRONOUN.test(c.text)) {
        c.leansOn = previous.key;
        c.inherited = previous.stems;
      }
      break;
    }
  }
}

function readChunk(text: string): readonly SentenceReading[] {
  let read = readings.get(text);
  if (!read) readings.set(text, (read = sentenceSpans(text).map((span) => readSentence(text.slice(span.start, span.end), span.start))));
  return read;
}

function readSentence(text: string, offset: number): SentenceReading {
  const all = words(text);
  const content = all.filter((w) => !w.stop);
  // Names are also found by their initials ("DSA" in a sentence that writes out "Digital Services Act").
  const initials = initialisms(all);
  const wordCount = all.filter((w) => !w.part && /[\p{L}\p{N}]/u.test(w.raw)).length;
  const citable = wordCount >= MIN_WORDS && wordCount <= MAX_WORDS && TERMINAL.test(text) && content.length >= 3;
  return {
    offset,
    text,
    words: all,
    stems: new Set([...content.map((w) => w.stem), ...initials.map((i) => i.stem)]),
    wordStems: new Set(content.map((w) => w.stem)),
    sequence: content.map((w) => w.stem),
    clauses: clausesOf(text, content, initials),
    statesUnknown: STATES_UNKNOWN.test(text),
    wordCount,
    citable,
    unattributedQuote: OPENING_QUOTE.test(text) && !ATTRIBUTION.test(text),
    // Only citable sentences are compared: captions and fragments are never cited, so their copies do not matter.
    shingles: citable ? shingles(all) : new Set(),
  };
}

function toCandidate(hit: Hit, hitRank: number, start: number, key: string, r: SentenceReading): Candidate {
  // Spelled out rather than spread: an object spread was 0.6 ms of each answer.
  return {
    key,
    hit,
    hitRank,
    start,
    end: start + r.text.length,
    text: r.text,
    words: r.words,
    stems: r.stems,
    wordStems: r.wordStems,
    sequence: r.sequence,
    clauses: r.clauses,
    statesUnknown: r.statesUnknown,
    inherited: new Set(),
    wordCount: r.wordCount,
    citable: r.citable,
    unattributedQuote: r.unattributedQuote,
    alsoIn: [],
    shingles: r.shingles,
  };
}

function clausesOf(text: string, content: readonly Word[], initials: readonly { stem: string; index: number }[]): Clause[] {
  const bounds = [0, ...[...text.matchAll(CLAUSE_BREAK)].map((m) => m.index + m[0].length), text.length];
  const clauses: Clause[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) clauses.push({ start: bounds[i]!, end: bounds[i + 1]!, stems: new Set() });
  const clauseAt = (index: number) => clauses.find((c) => index < c.end) ?? clauses[clauses.length - 1]!;
  for (const item of [...content, ...initials]) clauseAt(item.index).stems.add(item.stem);
  return clauses;
}

/** Merges near-identical sentences from different documents into the best-ranked copy, listing the others in `alsoIn`. */
function mergeSyndicatedCopies(candidates: Candidate[]): Candidate[] {
  const kept: { candidate: Candidate; docs: Set<string> }[] = [];
  // Kept citable candidates by shingle: only those sharing a shingle can reach the Jaccard threshold.
  const keptWith = new Map<string, number[]>();
  for (const candidate of candidates) {
    const same = candidate.citable ? kept[firstSameSentence(candidate.shingles, kept, keptWith) ?? -1] : undefined;
    if (!same) {
      if (candidate.citable) for (const shingle of candidate.shingles) keptWith.set(shingle, [...(keptWith.get(shingle) ?? []), kept.length]);
      kept.push({ candidate, docs: new Set([candidate.hit.document.id]) });
      continue;
    }
    addCarrier(same, carrierOf(candidate.hit));
    for (const carrier of candidate.hit.alsoIn) addCarrier(same, carrier);
  }
  for (const { candidate, docs } of kept) {
    for (const carrier of candidate.hit.alsoIn) addCarrier({ candidate, docs }, carrier);
  }
  return kept.map((k) => k.candidate);
}

/** The earliest kept sentence whose shingles overlap `shingles` by Jaccard >= SAME_SENTENCE_JACCARD. */
function firstSameSentence(
  shingles: ReadonlySet<string>,
  kept: readonly { candidate: Candidate }[],
  keptWith: ReadonlyMap<string, readonly number[]>,
): number | undefined {
  const shared = new Map<number, number>();
  for (const shingle of shingles) for (const index of keptWith.get(shingle) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
  let first: number | undefined;
  for (const [index, count] of shared) {
    const size = kept[index]!.candidate.shingles.size;
    if (count / (size + shingles.size - count) >= SAME_SENTENCE_JACCARD && (first === undefined || index < first)) first = index;
  }
  return first;
}

function addCarrier(target: { candidate: Candidate; docs: Set<string> }, carrier: CitationCarrier): void {
  if (target.docs.has(carrier.docId)) return;
  target.docs.add(carrier.docId);
  target.candidate.alsoIn.push({ docId: carrier.docId, title: carrier.title, publisher: carrier.publisher, origin: carrier.origin });
}

const carrierOf = (hit: Hit): CitationCarrier => ({
  docId: hit.document.id,
  title: hit.document.title,
  publisher: hit.document.publisher,
  origin: hit.document.origin,
});

/** Word 3-grams of stems (stop words kept): case, punctuation, quotes and inflection do not make copies differ. */
function shingles(sentenceWords: readonly Word[]): Set<string> {
  const stems = sentenceWords.filter((w) => !w.part).map((w) => w.stem);
  const size = Math.min(3, stems.length);
  const result = new Set<string>();
  for (let i = 0; i + size <= stems.length; i++) result.add(stems.slice(i, i + size).join(' '));
  return result;
}
