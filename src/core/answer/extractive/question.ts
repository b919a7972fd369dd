// What a question asks for: its content terms (with synonyms), its named entities, its word pairs and the kind of answer it wants.
import { expansions, words } from './terms.js';

export type AnswerType = 'amount' | 'date' | 'person' | 'place' | 'statement' | 'other';

export interface QueryTerm {
  stem: string;
  raw: string;
  /** A name (capitalised mid-sentence, or an acronym): the sources must mention it for an answer. */
  entity: boolean;
  expansions: { stem: string; weight: number }[];
}

export interface QuestionAnalysis {
  terms: QueryTerm[];
  /** Adjacent content terms of the question ("online safety", "public diplomacy"). */
  bigrams: [string, string][];
  answerType: AnswerType;
  /** The question asks for exactly that kind of answer ("how much", "when"): a sentence without one does not answer it. */
  strictAnswerType: boolean;
}

// Imperatives that open a question without naming anything.
const OPENERS = new Set(['explain', 'tell', 'list', 'describe', 'summarise', 'summarize', 'give', 'show', 'name']);

// Questions that cannot be answered without an amount or a date.
const STRICT_CUES = /\bhow (?:much|many)\b|\bwhen\b|\bwhat (?:date|day|year)\b/i;

// Checked in order: the first cue that matches decides.
const ANSWER_TYPE_CUES: readonly [AnswerType, RegExp][] = [
  ['date', /\bwhen\b|\bwhat (?:date|day|year|month|time)\b|\bhow long ago\b/i],
  ['place', /\bwhich (?:country|countries|nation|city|state|place)\b|\bwhere\b/i],
  ['person', /\bwho(?:m|se)?\b/i],
  ['amount', /\bhow (?:much|many|large|big|high|severe)\b|\bmaximum\b|\bfines?\b|\bfined\b|\bpenalt(?:y|ies)\b|\bpercent(?:age)?\b/i],
  ['statement', /\b(?:say|said|says|think|thought|claim(?:ed)?|argue[sd]?|respond(?:ed)?|react(?:ed)?|comment(?:ed)?)\b/i],
];

export function analyseQuestion(question: string): QuestionAnalysis {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const all = words(question);
  all.forEach((word, i) => {
    if (word.stop || seen.has(word.stem)) return;
    seen.add(word.stem);
    const atStart = i === 0 || /[.?!]\s*$/.test(question.slice(0, word.index));
    const entity = word.capitalised && !(atStart && OPENERS.has(word.raw.toLowerCase()));
    terms.push({ stem: word.stem, raw: word.raw, entity, expansions: expansions(word.stem) });
  });
  const content = all.filter((w) => !w.stop).map((w) => w.stem);
  const bigrams: [string, string][] = [];
  for (let i = 0; i + 1 < content.length; i++) if (content[i] !== content[i + 1]) bigrams.push([content[i]!, content[i + 1]!]);
  const answerType = ANSWER_TYPE_CUES.find(([, cue]) => cue.test(question))?.[0] ?? 'other';
  return { terms, bigrams, answerType, strictAnswerType: STRICT_CUES.test(question) && (answerType === 'amount' || answerType === 'date') };
}
