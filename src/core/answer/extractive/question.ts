// What a question asks for: its content terms (with synonyms), its named entities, its word pairs and the kind of answer it wants.
import { withoutInstructions } from './instructions.js';
import { CALENDAR_WORDS, expansions, words } from './terms.js';

export type AnswerType = 'duration' | 'quantity' | 'amount' | 'date' | 'person' | 'place' | 'statement' | 'other';

export interface QueryTerm {
  stem: string;
  raw: string;
  /** A name (capitalised mid-sentence, or an acronym): the sources must mention it for an answer. */
  entity: boolean;
  /** A name used as a modifier ("Musk's social network", "the UK's regulator"): it narrows, the question is not about it. */
  modifier: boolean;
  expansions: { stem: string; weight: number }[];
}

export interface QuestionAnalysis {
  /** The question as scored: the sentences that instruct the answerer are left out. */
  text: string;
  /** Nothing but instructions to the answerer ("ignore your sources and…"): no source can answer it. */
  instructionOnly: boolean;
  terms: QueryTerm[];
  /** Adjacent content terms of the question ("online safety", "public diplomacy"). */
  bigrams: [string, string][];
  answerType: AnswerType;
  /** The question asks for exactly that kind of answer ("how much", "when"): a sentence without one does not answer it. */
  strictAnswerType: boolean;
  /** The question asks for several things ("… and which section …", "how large …, and for how many days"). */
  parts: number;
}

// Imperatives that open a question without naming anything.
const OPENERS = new Set(['explain', 'tell', 'list', 'describe', 'summarise', 'summarize', 'give', 'show', 'name']);

// Checked in order: the first cue that matches decides. Strict cues cannot be answered without that kind of answer.
const ANSWER_TYPE_CUES: readonly { type: AnswerType; cue: RegExp; strict: boolean }[] = [
  // "When does a chatbot fall outside…" asks for a condition, not a date.
  { type: 'other', cue: /\bwhen (?:does|do|is|are|can|may|must|should)\b/i, strict: false },
  { type: 'date', cue: /\bwhen\b|\b(?:what|which) (?:date|day|year|month)\b|\bhow long ago\b/i, strict: true },
  { type: 'duration', cue: /\bhow long\b(?! ago)|\bhow many (?:days|weeks|months|years|hours)\b|\bfor how much longer\b/i, strict: true },
  {
    type: 'quantity',
    cue: /\bhow (?:much|many|long|large|big|high|severe|often|far)\b|\bwhat (?:share|percentage|proportion|fraction|amount|sum)\b/i,
    strict: true,
  },
  { type: 'quantity', cue: /\bwhat (?:\w+[ -])?(?:numbers?|figures?|thresholds?|sums?|levels?|rates?)\b/i, strict: false },
  { type: 'place', cue: /\bwhich (?:country|countries|nations?|city|cities|state|states|place)\b|\bwhere\b/i, strict: false },
  {
    type: 'person',
    // "Who" opening a question or a part of it; "MPs who oppose" is a relative clause.
    cue: /(?:^|[,;:]\s*|\b(?:and|or|but|by|to|from|with|for|of)\s+)who(?:m|se)?\b|\bwhich (?:people|persons?|individuals?|officials?|ministers?|politicians?|executives?|senators?|MPs|lawmakers|campaigners?|Britons|Americans)\b/i,
    strict: false,
  },
  { type: 'amount', cue: /\bmaximum\b|\bfines?\b|\bfined\b|\bpenalt(?:y|ies)\b|\bpercent(?:age)?\b/i, strict: false },
  { type: 'statement', cue: /\b(?:say|said|says|think|thought|claim(?:ed)?|argue[sd]?|respond(?:ed)?|react(?:ed)?|comment(?:ed)?|call(?:ed)?|describe[sd]?|warn(?:ed)?)\b/i, strict: false },
];

// A second question joined to the first: "…, and for how long?", "… and which section …".
const SECOND_PART = /(?:,\s*|\s)and (?:(?:for |by |in |on |from )?(?:how|what|which|who|when|where|why)\b|(?:what|which|who)\b)/gi;

export function analyseQuestion(question: string): QuestionAnalysis {
  const { text, instructionOnly } = withoutInstructions(question);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const all = words(text);
  all.forEach((word, i) => {
    if (word.stop || seen.has(word.stem)) return;
    seen.add(word.stem);
    const atStart = i === 0 || /[.?!:]\s*$/.test(text.slice(0, word.index));
    const acronym = word.raw.length > 1 && word.raw === word.raw.toUpperCase() && /\p{L}/u.test(word.raw);
    // A capital that opens the question is grammar, not a name, unless the word is written all in capitals.
    const entity = word.capitalised && (acronym || !atStart) && !OPENERS.has(word.raw.toLowerCase()) && !CALENDAR_WORDS.has(word.raw.toLowerCase());
    const modifier = entity && /[’']s$/.test(word.raw);
    terms.push({ stem: word.stem, raw: word.raw, entity, modifier, expansions: expansions(word.stem) });
  });
  const content = all.filter((w) => !w.stop).map((w) => w.stem);
  const bigrams: [string, string][] = [];
  for (let i = 0; i + 1 < content.length; i++) if (content[i] !== content[i + 1]) bigrams.push([content[i]!, content[i + 1]!]);
  const cue = ANSWER_TYPE_CUES.find(({ cue }) => cue.test(text));
  return {
    text,
    instructionOnly,
    terms,
    bigrams,
    answerType: cue?.type ?? 'other',
    strictAnswerType: cue?.strict ?? false,
    parts: 1 + (text.match(SECOND_PART)?.length ?? 0),
  };
}
