// Picks the answer's sentences: relevant, not redundant with each other (MMR), within a word budget, in an order that reads.
import type { ScoredCandidate } from './score.js';

/** Most sentences in an answer: a short answer, not a summary. */
export const MAX_SENTENCES = 4;
/** Word budget of an answer; the first sentence is always allowed, however long. */
export const MAX_ANSWER_WORDS = 90;
/** MMR trade-off: 1 ranks by relevance only, 0 by novelty only. */
export const MMR_LAMBDA = 0.7;
/** A further sentence must reach this share of the best sentence's relevance: weaker ones dilute the answer. */
export const RELATIVE_FLOOR = 0.7;
/** A further sentence must itself cover this share of the question's terms that the sources use. */
export const MIN_SUPPORT_FOCUS = 0.3;
/** The relative floor when the question asks for several things: each part may be answered by a weaker sentence. */
export const MULTI_PART_FLOOR = 0.5;
/** Floor for a sentence that continues a chosen one ("It can also…" after "Ofcom has powers…"): it reads as one passage. */
export const CONTINUATION_FLOOR = 0.35;
/** Factor for a sentence whose pronoun points at a sentence not in the answer ("It can also..." on its own). */
export const DANGLING_FACTOR = 0.6;
/** Share of the shorter sentence's content words found in a chosen one above which it only repeats it (paraphrased copy). */
export const REDUNDANT_OVERLAP = 0.6;

/**
 * Chooses sentences by maximal marginal relevance, then orders them so a pronoun follows the sentence it points at.
 * The first sentence must answer the question by itself (`leads`); later ones may add to it.
 */
export interface SelectOptions {
  /** Whether a sentence may open the answer. */
  leads: (item: ScoredCandidate) => boolean;
  /** How many things the question asks for. */
  parts?: number;
  /** The question asks for a kind of answer (a figure, a name): a lead without one may be followed by the sentence that gives it. */
  typed?: boolean;
}

export function selectSentences(scored: readonly ScoredCandidate[], { leads, parts = 1, typed = false }: SelectOptions): ScoredCandidate[] {
  const floor = parts > 1 ? MULTI_PART_FLOOR : RELATIVE_FLOOR;
  const pool = [...scored].sort((a, b) => b.relevance - a.relevance || a.candidate.hitRank - b.candidate.hitRank || a.candidate.start - b.candidate.start);
  const best = pool.find(leads);
  if (!best) return [];
  const byKey = new Map(pool.map((item) => [item.candidate.key, item]));
  const chosen: ScoredCandidate[] = [];
  let words = 0;
  while (chosen.length < MAX_SENTENCES) {
    const keys = new Set(chosen.map((c) => c.candidate.key));
    // Sentences that a chosen sentence's pronoun points at: they give it its subject.
    const followers = new Set(chosen.map((c) => c.candidate.leansOn).filter((k) => k !== undefined));
    let pick: { item: ScoredCandidate; value: number } | undefined;
    for (const item of pool) {
      const { candidate } = item;
      if (keys.has(candidate.key) || candidate.statesUnknown || (chosen.length === 0 && !leads(item))) continue;
      if (chosen.length > 0 && (words + candidate.wordCount > MAX_ANSWER_WORDS || item.focus < MIN_SUPPORT_FOCUS)) continue;
      // Names alone ("Ofcom", "X") make a sentence about the topic, not about what was asked; a pronoun's sentence is exempt.
      if (chosen.length > 0 && !item.matchesPredicate && !followers.has(candidate.key)) continue;
      const continues = candidate.leansOn !== undefined && keys.has(candidate.leansOn);
      const dangling = candidate.leansOn !== undefined && !continues ? DANGLING_FACTOR : 1;
      const relevance = item.relevance * dangling;
      if (chosen.length > 0 && relevance < (continues ? CONTINUATION_FLOOR : floor) * best.relevance) continue;
      if (chosen.some((c) => overlap(c.candidate.wordStems, candidate.wordStems) > REDUNDANT_OVERLAP)) continue;
      const similarity = Math.max(0, ...chosen.map((c) => jaccard(c.candidate.wordStems, candidate.wordStems)));
      const value = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * similarity;
      if (!pick || value > pick.value) pick = { item, value };
    }
    if (!pick) break;
    chosen.push(pick.item);
    words += pick.item.candidate.wordCount;
    const fits = (other: ScoredCandidate | undefined): other is ScoredCandidate =>
      other !== undefined && !chosen.includes(other) && chosen.length < MAX_SENTENCES && words + other.candidate.wordCount <= MAX_ANSWER_WORDS;
    // A pronoun needs its antecedent: bring the sentence it points at along when it fits.
    const antecedent = byKey.get(pick.item.candidate.leansOn ?? '');
    if (fits(antecedent)) {
      chosen.push(antecedent);
      words += antecedent.candidate.wordCount;
    }
    // "…banned two Britons." gives no names; the sentence after it often does.
    const next = byKey.get(pick.item.candidate.next ?? '');
    if (chosen.length === 1 && typed && !pick.item.carriesAnswerType && fits(next) && next.carriesAnswerType && !next.candidate.statesUnknown) {
      chosen.push(next);
      words += next.candidate.wordCount;
    }
  }
  return readingOrder(chosen);
}

/** Keeps the chosen order, except that a sentence leaning on another chosen one follows it directly. */
function readingOrder(chosen: readonly ScoredCandidate[]): ScoredCandidate[] {
  const keys = new Set(chosen.map((c) => c.candidate.key));
  const followers = new Map<string, ScoredCandidate>();
  for (const item of chosen) if (item.candidate.leansOn && keys.has(item.candidate.leansOn)) followers.set(item.candidate.leansOn, item);
  const ordered: ScoredCandidate[] = [];
  const place = (item: ScoredCandidate) => {
    ordered.push(item);
    const follower = followers.get(item.candidate.key);
    if (follower) place(follower);
  };
  for (const item of chosen) {
    const { leansOn } = item.candidate;
    if (!(leansOn && keys.has(leansOn) && followers.get(leansOn) === item)) place(item);
  }
  return ordered;
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0;
  for (const x of a) if (b.has(x)) count++;
  return count;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const union = a.size + b.size - shared(a, b);
  return union === 0 ? 0 : shared(a, b) / union;
}

/** Overlap coefficient: shared words over the smaller set's size. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 1 : shared(a, b) / smaller;
}
