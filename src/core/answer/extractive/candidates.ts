// Hits -> candidate sentences with exact document offsets, each read with what stands above it in its document (the
// title, the nearest heading, the opening, its paragraph's start, a list's lead-in); syndicated copies merged.
import { reportsPast, type Analysis, type Expression, type ExpressionType, type TextAnalyzer } from '../../language/analysis.js';
import type { Citation, Hit } from '../../schema.js';
import { aliasesIn } from '../../text/aliases.js';
import { DocumentOutline } from '../../text/outline.js';
import { sentenceSpans, type Span } from '../../text/sentences.js';
import { addressesReader } from '../../text/addressed.js';
import { type ReadingCache, sharedReadingCache } from './reading-cache.js';
import { initialisms, nameCount, stemsOf, STOP_WORDS, type Word, words } from './terms.js';

/** Shortest sentence worth citing, in words: shorter ones are captions, datelines or fragments. */
export const MIN_WORDS = 4;
/** Longest sentence worth citing, in words: longer ones are run-on boilerplate (donation appeals, lists). */
export const MAX_WORDS = 90;
/** White space between two sentences of one paragraph (or across a paragraph break), in characters. */
const MAX_SENTENCE_GAP = 3;
/** Word 3-gram Jaccard at which two sentences are the same passage (syndicated copy, light edits). */
export const SAME_SENTENCE_JACCARD = 0.8;

// A sentence ends with punctuation (perhaps inside quotes or brackets, or before a footnote marker); headings do not.
const TERMINAL = /[.!?;:]["”’')\]]*(?:\[\d{1,3}\]|\^\d{1,3})?$/;
// A pronoun as the subject ("It can also…", "Speaking in Canberra, he said…") points back at the sentence before, as
// does a sentence that draws a conclusion from it ("The fines are therefore not simply added together").
const LEADING_PRONOUN = /^(?:\W*|[^,]{1,40},\s*)(?:he|she|it|they|this|these|his|her|its|their)\b|^(?:so|thus|hence|as a result|consequently)\b|\b(?:therefore|thus|hence)\b/i;
const OPENING_QUOTE = /^["“‘']/;
const ATTRIBUTION = /\b(?:said|says|told|wrote|added|posted|according to|claimed|stated)\b/i;
// Where a sentence joins two statements: what one clause says (a figure, a date) need not be about the other's subject.
// A relative clause ("…, which received Royal Assent on 24 May 2024") goes on about its noun, so it is no break.
const CLAUSE_BREAK = /;|:\s|,\s+(?=(?:and|but|while|whereas|although)\b)|\s[—–]\s/g;
/** Longest opening label, in words, that a colon ties to what follows it rather than ending a clause. */
const MAX_LABEL_WORDS = 3;
// A source saying the thing asked is not known ("has not been confirmed", "no fine had been reported"): no answer.
const STATES_UNKNOWN =
  /\b(?:has|have|had|was|were|is|are)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|reported|disclosed|published|announced|made public|established|set|found)\b|\bno\b[^.;]{0,60}\b(?:has|had|have)\s+(?:yet\s+)?been\s+(?:reported|confirmed|announced|published)\b|\b(?:is|was|remains)\s+(?:unclear|unknown|not known)\b/i;

// A sentence sending the reader to another page ("…is covered in a separate explainer", "See our guide to…"): a
// signpost, not a statement about the world.
const REFERS_ELSEWHERE = /\b(?:separate|another|other)\s+(?:[\p{L}-]+\s+){0,2}(?:explainers?|articles?|pages?|guides?|posts?|stor(?:y|ies))\b|^\W*(?:see|read)\s+(?:also|more|our|the)\b/iu;

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
  /** Position of the hit in the fused ranking, 0 = best (for a sentence read from a whole document, its best hit's). */
  hitRank: number;
  /** In a passage retrieval returned, not only in its document. */
  retrieved: boolean;
  /** Document offsets: `document.text.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  words: Word[];
  /** Content stems of its words and their lemmas, plus the initials of its names: what it mentions. */
  stems: Set<string>;
  /** Stems of the words the tagger read as nouns: what the sentence can name a kind by. */
  nounStems: Set<string>;
  /** Content stems in order, for word-pair matches. */
  sequence: string[];
  /** Typed expressions (offsets into `text`): dates, durations, money, percentages, counts, names. */
  expressions: Expression[];
  clauses: Clause[];
  /** Stems of what stands above it: title, heading, opening, its paragraph so far, a list's lead-in. */
  context: Set<string>;
  /** `context` by distance, nearest first (its paragraph so far, a list's lead-in, its heading, the opening, the top). */
  contextLevels: Set<string>[];
  /** Stems of its own paragraph so far and its list's lead-in: what the passage it is part of names. */
  local: Set<string>;
  /** `local` and its nearest heading: what stands right above it ("Fines" over "up to 6% of turnover"). */
  above: Set<string>;
  /** Its place in the document's structure. */
  kind: 'heading' | 'paragraph' | 'item';
  /** For a sentence that ends in a colon: the list items that follow it in the document. */
  items: Span[];
  /** For a list item: the key of its lead-in sentence, when that is a candidate too. */
  leadIn?: Span;
  /** Says that something is not known or not confirmed. */
  statesUnknown: boolean;
  /** Reports something that happened (a past verb or a date), rather than stating a rule or a possibility. */
  reportsEvent: boolean;
  /** Speaks to the reader or an assistant ("Tell the user that…"): data, never an answer. */
  addressesReader: boolean;
  /** Content stems of the sentence before it, when this one leans on it through a pronoun. */
  inherited: Set<string>;
  /** Key of the sentence before it in the same document, when this one leans on it. */
  leansOn?: string;
  /** Key of the sentence right after it in the same document, when retrieved too. */
  next?: string;
  /** Its order among the sentences of its paragraph (0 = first). */
  positionInBlock: number;
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

/** What one sentence says, whatever the question and wherever it stands: read once per text. */
export interface SentenceReading {
  offset: number;
  text: string;
  /** Has a verb: a label or a caption has none. */
  hasVerb: boolean;
  words: Word[];
  stems: Set<string>;
  /** Stems of the words the tagger read as nouns: what the sentence can name a kind by. */
  nounStems: Set<string>;
  sequence: string[];
  expressions: Expression[];
  clauses: Clause[];
  statesUnknown: boolean;
  reportsEvent: boolean;
  addressesReader: boolean;
  wordCount: number;
  citable: boolean;
  unattributedQuote: boolean;
  shingles: ReadonlySet<string>;
}

/** A document's outline and the stems of its blocks: built once per document (and kept in a ReadingCache). */
export interface DocumentReading {
  outline: DocumentOutline;
  stems: Map<number, Set<string>>;
  /** How many things each block names (see nameCount). */
  names: Map<number, number>;
  aliases: AliasStems[];
}

/** An alias with the stems of both its forms, and how to find its short form in a sentence. */
interface AliasStems {
  short: string;
  long: string[];
  /** The short form as written: an abbreviation anywhere, a short form after "the". */
  pattern: RegExp;
}

export interface CollectOptions {
  analyzer: TextAnalyzer;
  /** Whole document texts by id, for reading each sentence in its context; the chunk alone is read otherwise. */
  documents: ReadonlyMap<string, string>;
  /**
   * The best-ranked documents read whole, not only their retrieved passages: a document that retrieval found often
   * states the answer a few sentences from the passage that matched the question's words.
   */
  wholeDocuments?: number;
  /** Where readings are kept across questions; the process's shared cache by default. */
  cache?: ReadingCache;
}

/** Every sentence of every hit, once per document, read in context, with syndicated copies merged into the best-ranked one. */
export function collectCandidates(hits: readonly Hit[], options: CollectOptions): Candidate[] {
  const cache = options.cache ?? sharedReadingCache;
  const byKey = new Map<string, Candidate>();
  hits.forEach((hit, hitRank) => {
    const text = options.documents.get(hit.document.id);
    const document = text === undefined ? undefined : readDocument(text, cache);
    const title = readTitle(hit.document.title);
    for (const reading of readChunk(hit.chunk.text, options.analyzer, cache)) {
      const start = hit.chunk.start + reading.offset;
      const key = `${hit.document.id}:${start}`;
      if (!byKey.has(key)) byKey.set(key, toCandidate(hit, hitRank, start, key, reading, title, document));
    }
  });
  // Each document at its best rank: the first hit from it (hits come best first).
  const best = new Map<string, { hit: Hit; rank: number }>();
  hits.forEach((hit, rank) => best.has(hit.document.id) || best.set(hit.document.id, { hit, rank }));
  const whole = [...best.values()].slice(0, options.wholeDocuments ?? 0);
  for (const { hit, rank } of whole) {
    const text = options.documents.get(hit.document.id);
    if (text === undefined) continue;
    const document = readDocument(text, cache);
    const title = readTitle(hit.document.title);
    // The whole document read as one passage: its sentences outside the retrieved passages join as candidates.
    const passage: Hit = { ...hit, chunk: { ...hit.chunk, id: `${hit.document.id}:whole`, start: 0, end: text.length, text }, alsoIn: [] };
    for (const reading of readChunk(text, options.analyzer, cache)) {
      const key = `${hit.document.id}:${reading.offset}`;
      if (!byKey.has(key)) byKey.set(key, { ...toCandidate(passage, rank, reading.offset, key, reading, title, document), retrieved: false });
    }
  }
  const candidates = [...byKey.values()];
  linkPronounsToPreviousSentence(candidates);
  return mergeSyndicatedCopies(candidates);
}

// What a list item needs to be cited although short: a label and a figure ("individuals: £300,000.").
const MIN_FIGURE_ITEM_WORDS = 2;
const FIGURES: ReadonlySet<string> = new Set(['money', 'percent', 'date', 'duration', 'count']);

/** A short list item stating a figure: pages put their figures in items like "individuals: £300,000". */
function statesFigure(r: SentenceReading): boolean {
  return r.wordCount >= MIN_FIGURE_ITEM_WORDS && r.wordCount <= MAX_WORDS && r.expressions.some((e) => FIGURES.has(e.type)) && r.words.some((w) => !w.stop && /\p{L}/u.test(w.raw));
}

/** The analysis of a text, read sentence by sentence (exposed for reading list items and quotes outside the hits). */
export function readSentences(text: string, analyzer: TextAnalyzer, cache: ReadingCache = sharedReadingCache): readonly SentenceReading[] {
  return readChunk(text, analyzer, cache);
}

function readDocument(text: string, cache: ReadingCache): DocumentReading {
  let reading = cache.outlines.get(text);
  if (!reading) {
    const outline = new DocumentOutline(text);
    const stems = new Map<number, Set<string>>();
    const names = new Map<number, number>();
    const aliases = aliasStems(text);
    outline.blocks.forEach((block, i) => {
      const blockText = text.slice(block.start, block.end);
      stems.set(i, withAliases(contentStemSet(blockText), blockText, aliases));
      names.set(i, nameCount(blockText));
    });
    cache.outlines.set(text, (reading = { outline, stems, names, aliases }));
  }
  return reading;
}

function aliasStems(text: string): AliasStems[] {
  return aliasesIn(text).map(({ short, long }) => ({
    // As every other word is compared: stemmed ("the Commission" is "commiss", never "commission", which is what
    // "Commissioner" stems to).
    short: stemsOf(short)[0]!,
    long: [...contentStemSet(long)],
    // "QWR" is written in capitals; "the Commissioner" with its article and capital.
    pattern: new RegExp(long.split(/\s+/).length > 1 && /^[a-z]+$/.test(short) && short.length > 4 ? `\\bthe ${short}\\b` : `\\b${short}\\b`, 'i'),
  }));
}

/** A sentence's stems with its document's other names for what it mentions: "QWR" brings "qualifying worldwide revenue", and back. */
function withAliases(stems: Set<string>, text: string, aliases: readonly AliasStems[]): Set<string> {
  if (!aliases.length) return stems;
  const more = new Set(stems);
  for (const alias of aliases) {
    if (alias.pattern.test(text)) alias.long.forEach((s) => more.add(s));
    if (alias.long.length > 0 && alias.long.every((s) => more.has(s))) more.add(alias.short);
  }
  // A second pass: "the Commissioner" -> "Information Commissioner" -> the "ICO" it begins.
  for (const alias of aliases) if (alias.long.length > 1 && alias.long.filter((s) => more.has(s)).length >= Math.min(2, alias.long.length)) more.add(alias.short);
  return more;
}

function toCandidate(
  hit: Hit,
  hitRank: number,
  start: number,
  key: string,
  r: SentenceReading,
  title: TitleReading,
  document: DocumentReading | undefined,
): Candidate {
  // What stands above it, nearest first (the title last): a level the sentence is not about (a list's first item
  // standing as its lead-in) still adds its words to the context.
  const levels: ContextLevel[] = [];
  const local = new Set<string>();
  const above = new Set<string>();
  let kind: Candidate['kind'] = 'paragraph';
  let items: Span[] = [];
  let leadIn: Span | undefined;
  let positionInBlock = 0;
  if (document) {
    const { outline, stems } = document;
    const place = outline.contextAt(start);
    const blockIndex = place.block ? outline.blocks.indexOf(place.block) : -1;
    const add = (span: Span | undefined, level = true, heading = false) => {
      if (!span) return undefined;
      const index = outline.blocks.findIndex((b) => b.start === span.start);
      const whole = index >= 0 && span.end === outline.blocks[index]!.end;
      const set = whole ? stems.get(index) : contentStemSet(outline.text.slice(span.start, span.end));
      if (!set) return undefined;
      levels.push({ stems: set, names: whole ? (document.names.get(index) ?? 0) : nameCount(outline.text.slice(span.start, span.end)), heading, level });
      return set;
    };
    add(place.before);
    // A list's first item standing as its lead-in is a sibling, not what the item is about.
    const announces = place.leadIn !== undefined && /:\s*$/.test(outline.text.slice(place.leadIn.start, place.leadIn.end));
    add(place.leadIn, announces);
    for (const level of levels) if (level.level) for (const stem of level.stems) local.add(stem);
    for (const stem of local) above.add(stem);
    for (const stem of add(place.heading, true, true) ?? []) above.add(stem);
    add(place.opening);
    add(place.top, true, true);
    kind = place.block?.kind ?? 'paragraph';
    // "Grounds (s. 144(3)). The breach must…": a verbless label opening a paragraph heads what follows it.
    if (kind === 'paragraph' && !place.before && !r.hasVerb && place.block && place.block.end > start + r.text.length + 1) kind = 'heading';
    leadIn = place.leadIn;
    positionInBlock = place.before ? sentenceSpans(outline.text.slice(place.before.start, place.before.end)).length : 0;
    // A sentence that introduces a list ("…four kinds of order:") is followed by its items.
    if (/:\s*$/.test(r.text) && blockIndex >= 0) {
      items = outline.blocks.slice(blockIndex + 1).filter((b, i, rest) => b.leadIn === blockIndex && rest.slice(0, i).every((p) => p.leadIn === blockIndex));
    }
  }
  levels.push({ stems: title.stems, names: title.names, heading: true, level: true });
  const context = contextOf(levels);
  // Spelled out rather than spread: an object spread was a measurable share of each answer.
  return {
    key,
    hit,
    hitRank,
    retrieved: true,
    start,
    end: start + r.text.length,
    text: r.text,
    words: r.words,
    stems: document ? withAliases(r.stems, r.text, document.aliases) : r.stems,
    nounStems: r.nounStems,
    sequence: r.sequence,
    expressions: r.expressions,
    clauses: r.clauses,
    context,
    contextLevels: levels.filter((l) => l.level).map((l) => l.stems),
    local,
    above,
    kind,
    items,
    leadIn,
    statesUnknown: r.statesUnknown,
    reportsEvent: r.reportsEvent,
    addressesReader: r.addressesReader,
    inherited: new Set(),
    positionInBlock,
    wordCount: r.wordCount,
    citable: (r.citable || (kind === 'item' && statesFigure(r))) && kind !== 'heading' && !r.addressesReader,
    unattributedQuote: r.unattributedQuote,
    alsoIn: [],
    shingles: r.shingles,
  };
}

interface TitleReading {
  stems: Set<string>;
  /** How many things it names (see nameCount). */
  names: number;
}

const readTitle = (title: string): TitleReading => ({ stems: contentStemSet(title), names: nameCount(title) });

interface ContextLevel {
  stems: Set<string>;
  /** How many things it names (see nameCount). */
  names: number;
  heading: boolean;
  /** What the sentence is about (listed in `contextLevels`), not only near it. */
  level: boolean;
}

/** A heading or title naming this many things surveys them ("How fines compare: Ofcom, the ICO, the CMA, the DSA…"). */
const SURVEY_NAMES = 4;

/**
 * What stands above a sentence, as stems: every level, except a heading that surveys many things once a nearer level
 * (its list item's label, its paragraph) names one: "The higher maximum is £17.5 million" under "ICO, UK GDPR" is not
 * about the DMA that the page's title also names.
 */
function contextOf(levels: readonly ContextLevel[]): Set<string> {
  const context = new Set<string>();
  let named = false;
  for (const level of levels) {
    if (!(named && level.heading && level.names >= SURVEY_NAMES)) for (const stem of level.stems) context.add(stem);
    named ||= level.names > 0;
  }
  return context;
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

function readChunk(text: string, analyzer: TextAnalyzer, cache: ReadingCache): readonly SentenceReading[] {
  let read = cache.sentences.get(text);
  if (!read) {
    const analysis = analyzer.analyse(text);
    cache.sentences.set(text, (read = sentenceSpans(text).map((span) => readSentence(text, span, analysis))));
  }
  return read;
}

function readSentence(chunk: string, span: Span, analysis: Analysis): SentenceReading {
  const text = chunk.slice(span.start, span.end);
  const all = words(text);
  const content = all.filter((w) => !w.stop);
  const tokens = analysis.tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  // "met" is read as "meet" too: each word's lemma, where it has a stem of its own, at the word's place.
  const lemmas = tokens.flatMap((t) =>
    t.kind === 'word' && !STOP_WORDS.has(t.text.toLowerCase()) ? stemsOf(t.text, t.lemma).map((stem) => ({ stem, index: t.start - span.start })) : [],
  );
  const lemmaStems = lemmas.map((l) => l.stem);
  // Names are also found by their initials ("DSA" in a sentence that writes out "Digital Services Act").
  const initials = initialisms(all);
  const expressions = analysis.expressions
    .filter((e) => e.start >= span.start && e.end <= span.end)
    .map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start }));
  const wordCount = all.filter((w) => !w.part && /[\p{L}\p{N}]/u.test(w.raw)).length;
  const citable = wordCount >= MIN_WORDS && wordCount <= MAX_WORDS && TERMINAL.test(text) && content.length >= 3 && !REFERS_ELSEWHERE.test(text);
  return {
    offset: span.start,
    text,
    hasVerb: tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX'),
    words: all,
    stems: new Set([...content.map((w) => w.stem), ...lemmaStems, ...initials.map((i) => i.stem)]),
    nounStems: new Set(tokens.flatMap((t) => (t.pos === 'NOUN' || t.pos === 'PROPN' ? stemsOf(t.text, t.lemma) : []))),
    sequence: content.map((w) => w.stem),
    expressions,
    clauses: clausesOf(text, [...content, ...lemmas, ...initials]),
    statesUnknown: STATES_UNKNOWN.test(text),
    reportsEvent: reportsPast(tokens) || expressions.some((e) => e.type === 'date'),
    addressesReader: addressesReader(text),
    wordCount,
    citable,
    unattributedQuote: OPENING_QUOTE.test(text) && !ATTRIBUTION.test(text),
    // Only citable sentences are compared: captions and fragments are never cited, so their copies do not matter.
    shingles: citable ? shingles(all) : new Set(),
  };
}

function clausesOf(text: string, placed: readonly { stem: string; index: number }[]): Clause[] {
  // A colon after a short opening label ("individuals: £300,000", "Fines: up to 6%") joins the label to what it labels.
  const label = (m: RegExpMatchArray) => m[0].startsWith(':') && words(text.slice(0, m.index)).filter((w) => !w.part).length <= MAX_LABEL_WORDS;
  const breaks = [...text.matchAll(CLAUSE_BREAK)].filter((m) => !label(m));
  const bounds = [0, ...breaks.map((m) => m.index! + m[0].length), text.length];
  const clauses: Clause[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) if (bounds[i + 1]! > bounds[i]!) clauses.push({ start: bounds[i]!, end: bounds[i + 1]!, stems: new Set() });
  const clauseAt = (index: number) => clauses.find((c) => index < c.end) ?? clauses[clauses.length - 1]!;
  for (const item of placed) clauseAt(item.index).stems.add(item.stem);
  return clauses;
}

/** Whether a clause (offsets into the candidate's text) holds an expression of one of `types`. */
export const clauseHolds = (candidate: Pick<Candidate, 'expressions'>, clause: Span, types: readonly ExpressionType[]): boolean =>
  candidate.expressions.some((e) => types.includes(e.type) && e.start >= clause.start && e.end <= clause.end);

/** Content stems of a text (with the initials of its names), as a set. */
export function contentStemSet(text: string): Set<string> {
  const all = words(text);
  return new Set([...all.filter((w) => !w.stop).map((w) => w.stem), ...initialisms(all).map((i) => i.stem)]);
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
    // The copy's context may name what the kept one's does not (a title naming the regulator).
    for (const stem of candidate.context) same.candidate.context.add(stem);
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
