// The offline entailment proxy: a premise supports a sentence when it covers the sentence's content, numbers, names and polarity.
// Deterministic and free, so the gate can run it on every change; evals/README.md lists what it cannot see.
import { stemmer } from 'stemmer';
import { sentenceSpans } from '../../core/text/sentences.js';
import type { SupportJudge } from './judge.js';

export interface OverlapJudgeOptions {
  /** Share of the sentence's content stems the premise must contain. */
  coverage?: number;
}

export const DEFAULT_COVERAGE = 0.75;

const STOP = new Set(
  ('a an and are as at be been being but by can could did do does for from had has have having he her hers him his how i if in into is it ' +
    'its itself me my of on or our ours she so such than that the their them then there these they this those to too us was we were what ' +
    'when where which while who whom whose why will with would you your also just very only about up down out over under again further ' +
    'once here all any both each few more most other some same own should shall may might must says said say according').split(' '),
);
const NEGATION = new Set(['not', 'no', 'never', 'none', 'nor', 'cannot', 'without', 'neither', 'nothing', 'nobody']);
const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', twenty: '20', hundred: '100', thousand: '1000', first: '1st', second: '2nd', third: '3rd',
};
// Unit spellings that mean the same thing in fines and shares.
const UNITS: Record<string, string> = { m: 'million', mn: 'million', bn: 'billion', b: 'billion', percent: '%', k: 'thousand' };

const TOKEN = /\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)?|\p{N}+(?:[.,]\p{N}+)*|[£$€%]/gu;

interface Analysis {
  content: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
  negated: boolean;
}

/** Tokens of a text: stemmed content words, normalised numbers, capitalised names and whether it negates. */
export function analyse(text: string): Analysis {
  const content = new Set<string>();
  const numbers = new Set<string>();
  const names = new Set<string>();
  let negated = false;
  let sentenceStart = true;
  for (const match of text.normalize('NFKC').matchAll(TOKEN)) {
    const raw = match[0];
    let word = raw.toLowerCase().replace(/['’]s$/, '');
    if (/n['’]t$/.test(word)) negated = true;
    word = word.replace(/['’]/g, '');
    if (/^\p{N}/u.test(word)) {
      numbers.add(normaliseNumber(word));
    } else if (Object.hasOwn(NUMBER_WORDS, word)) {
      numbers.add(NUMBER_WORDS[word]!);
    } else if (NEGATION.has(word)) {
      negated = true;
    } else if (!STOP.has(word)) {
      const unit = Object.hasOwn(UNITS, word) ? UNITS[word] : undefined;
      const stem = unit ?? stemmer(word);
      if (unit === '%' || /^[£$€%]$/.test(word)) numbers.add(unit ?? word);
      else content.add(stem);
      if (!sentenceStart && /^\p{Lu}/u.test(raw)) names.add(stem);
    }
    sentenceStart = false;
  }
  return { content, numbers, names, negated };
}

export class OverlapJudge implements SupportJudge {
  readonly id: string;
  readonly #coverage: number;

  constructor(options: OverlapJudgeOptions = {}) {
    this.#coverage = options.coverage ?? DEFAULT_COVERAGE;
    this.id = `overlap-v1@${this.#coverage}`;
  }

  async supports(premise: string, hypothesis: string): Promise<boolean> {
    return this.judge(premise, hypothesis).supported;
  }

  /** The verdict with its reason, for reports and tests. */
  judge(premise: string, hypothesis: string): { supported: boolean; reason: string } {
    const h = analyse(hypothesis);
    const p = analyse(premise);
    if (h.content.size === 0) return { supported: false, reason: 'the sentence states nothing checkable' };
    const missingNumbers = [...h.numbers].filter((n) => !p.numbers.has(n));
    if (missingNumbers.length) return { supported: false, reason: `numbers not in the cited text: ${missingNumbers.join(', ')}` };
    const missingNames = [...h.names].filter((n) => !p.content.has(n));
    if (missingNames.length) return { supported: false, reason: `names not in the cited text: ${missingNames.join(', ')}` };
    const covered = [...h.content].filter((w) => p.content.has(w)).length / h.content.size;
    if (covered < this.#coverage) return { supported: false, reason: `covers ${Math.round(covered * 100)}% of the sentence's words` };
    // Polarity is read clause by clause, each against the premise clause that best matches it, so a "not" elsewhere in
    // a long quote does not count, and a list joined into one sentence ("Step 4 …; Step 5 … never …") is read item by item.
    for (const clause of clausesOf(hypothesis)) {
      const c = analyse(clause);
      if (c.content.size === 0) continue;
      const best = bestSentence(premise, c.content);
      if (c.negated !== best.negated) return { supported: false, reason: c.negated ? 'the sentence negates, the cited text does not' : 'the cited text negates, the sentence does not' };
    }
    return { supported: true, reason: `covers ${Math.round(covered * 100)}% of the sentence's words` };
  }
}

/**
 * A sentence's clauses as a list joins them: its sentences, each cut at semicolons, at a spaced dash (an item of
 * several sentences is joined into the list's sentence with one: "…fined €200 million — The Commission found…") and at
 * a colon before a space (a lead-in is joined to its items with one: "…rests on three principles: disgorgement: …").
 */
function clausesOf(text: string): string[] {
  return sentenceSpans(text).flatMap((span) => text.slice(span.start, span.end).split(/;|\s[—–]\s|:\s/));
}

function bestSentence(premise: string, words: Set<string>): Analysis {
  let best: Analysis | undefined;
  let bestScore = -1;
  for (const clause of clausesOf(premise)) {
    const candidate = analyse(clause);
    // Most words shared; of clauses sharing as many, the one with fewest others (the closest paraphrase).
    const score = [...words].filter((w) => candidate.content.has(w)).length - candidate.content.size / 1000;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best ?? analyse(premise);
}

function normaliseNumber(token: string): string {
  // "1,000" and "1000" agree; "10.5" keeps its decimal point.
  const plain = /^\d{1,3}(,\d{3})+$/.test(token) ? token.replace(/,/g, '') : token;
  return plain.replace(/\.0+$/, '');
}
