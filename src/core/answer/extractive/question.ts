// What a question asks, read from its grammar: the kind of answer it wants (a sum, a date, a body, yes or no, a
// list, a comparison…), the names it is about, and its other content words with the words that may stand in for them.
import { type Analysis, type ExpressionType, reportsPast, type Token } from '../../language/analysis.js';
import type { Lexicon, RelatedWord } from '../../language/lexicon.js';
import { withoutInstructions } from './instructions.js';
import { countryOf } from './jurisdiction.js';
import { stemsOf, STOP_WORDS } from './terms.js';

export type AnswerType =
  | 'amount'
  /** "How much <noun>": a figure of any kind (money, a share, a count, a period). */
  | 'quantity'
  | 'count'
  | 'date'
  | 'duration'
  | 'who'
  | 'place'
  | 'yesno'
  | 'list'
  | 'steps'
  | 'comparison'
  | 'definition'
  | 'reason'
  | 'consequence'
  | 'statement'
  /** A law, a section or an article: "which section…", "through which piece of legislation…". */
  | 'reference'
  | 'other';

export interface QueryTerm {
  /** The word as asked. */
  raw: string;
  /** Its stems (of the word and of its lemma): a sentence carries the term when it has one of them. */
  stems: string[];
  /** Part of a name ("Ofcom", "Digital Markets Act", "ICO"). */
  name: boolean;
  /** The noun the question asks for ("which *tribunal*", "how many *users*", "what *kinds* of notice"). */
  focus: boolean;
  /** Read as a verb ("did Ofcom *block*…"): what the question says was done. */
  verb: boolean;
  /** Read as a common noun ("the forum's *owner*", "sent to *prison*"): a thing or person the question speaks of. */
  noun: boolean;
  /**
   * Carried from an earlier turn of the conversation rather than asked now ("And who has to apply for one?" searched
   * with the last question's "access restriction order"): set by the answerer, which sees both.
   */
  carried?: boolean;
  /** In the phrase saying which rules apply ("…under the UK's *online safety regime*"): the setting, not what is asked. */
  scope?: boolean;
  related: readonly RelatedWord[];
}

export interface NamePhrase {
  text: string;
  /** Content stems of its words. */
  stems: string[];
  /** Its initials when it is several words ("Digital Markets Act" -> "dma"), or itself when it is an acronym. */
  initials?: string;
  /** A possessive that narrows ("Canada's regulator", "the ICO's cap"): it sets where or whose, and must hold. */
  modifier: boolean;
  /** Qualifies a common noun ("an AI chatbot", "UK users"): it describes, so a sentence may leave it out. */
  compound: boolean;
  /** Stems of other names for it the lexicon knows ("Britain" -> "uk"). */
  alternatives: string[];
  /** It names a country: it sets the jurisdiction, which is checked on its own (see jurisdiction.ts). */
  country: boolean;
}

export interface QuestionFrame {
  /** The question as read: the sentences that instruct the answerer are left out. */
  text: string;
  /** Nothing but instructions to the answerer ("ignore your sources and…"): no source can answer it. */
  instructionOnly: boolean;
  answerType: AnswerType;
  /** Expression types that carry the answer (money or a percentage for "how much"); empty when any sentence may. */
  expressionTypes: ExpressionType[];
  /** A sentence without one of `expressionTypes` cannot answer ("when" needs a date). */
  strict: boolean;
  /**
   * Asks about a past event ("How much *did* Ofcom fine X?"): a report of an event names who took part in it, so the
   * answering sentence or its own paragraph must name them, not only the page it is on.
   */
  pastEvent: boolean;
  /**
   * Asks what someone *did* ("How much did Ofcom fine X?"): only a sentence that reports an action answers it, not one
   * stating a rule ("fines are capped at…"). "When was it expected…" asks about a state, which a present sentence may
   * report.
   */
  pastAction: boolean;
  /**
   * The noun asked for names the answer itself ("the maximum *fine*" is an amount), rather than the things to count or
   * pick ("how many *people*…"), whose kind the rest of the question says ("…sent to prison").
   */
  focusIsAnswer: boolean;
  terms: QueryTerm[];
  names: NamePhrase[];
  /** How many things the question expects ("the *five* steps", "*three* qualities"). */
  listCount?: number;
  /** For comparisons: the names on each side ("the ICO's maximum fine" / "Ofcom's"). */
  sides?: NamePhrase[][];
  /** For comparisons: the expressions that state what is compared ("maximum fine" compares money and percentages). */
  comparedTypes?: ExpressionType[];
  /** Adjacent content stems ("online safety"): phrases are stronger evidence than scattered words. */
  bigrams: [string, string][];
  /** The question asks for several things ("…, and who imposed it?"). */
  parts: number;
  /** What each part after the first asks for ("…, and for how long?" -> duration). */
  laterParts: { answerType: AnswerType; expressionTypes: ExpressionType[] }[];
  /** Leans on the conversation: searched with words of the last question ("How long is his term?"). */
  followUp?: boolean;
}

/**
 * Whether a term is part of what the question asks: not a name, and not the setting ("…sent to prison under the
 * online safety regime") unless the question asks nothing else.
 */
export function asksTerm(term: QueryTerm, terms: readonly QueryTerm[]): boolean {
  return !term.name && !(term.scope && terms.some((u) => !u.name && !u.scope));
}

export interface QuestionTools {
  analyse(text: string): Analysis;
  lexicon?: Lexicon;
}

// The grammar of English questions: wh-words and the auxiliaries that open a yes/no question. General English, short.
const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);
// Leading words that do not change what is asked ("And when…", "So who…", "By when…", "Under which…").
const LEADING = new Set(['and', 'but', 'so', 'also', 'then', 'by', 'in', 'under', 'for', 'since', 'until', 'from', 'of', 'to', 'at', 'on', 'with', 'within', 'after', 'before', 'well', 'ok', 'okay']);
// Wh-words that also open relative clauses ("MPs who oppose", "the fine which").
const RELATIVE = new Set(['who', 'whom', 'whose', 'which']);
const IMPERATIVES: Readonly<Record<string, AnswerType>> = { list: 'list', name: 'list', describe: 'definition', explain: 'definition', summarise: 'definition', summarize: 'definition', outline: 'steps', compare: 'comparison', tell: 'other', give: 'other', show: 'other' };

// Which expressions answer each type of question.
const EXPRESSIONS: Readonly<Partial<Record<AnswerType, ExpressionType[]>>> = {
  amount: ['money', 'percent'],
  quantity: ['money', 'percent', 'count', 'duration'],
  count: ['count', 'percent'],
  date: ['date', 'time'],
  // A date answers "how long" only as the end of a period ("until March 2027"), which the analyser reads as one.
  duration: ['duration'],
};

// What a "what/which <noun>" question asks for, by the noun: general English nouns of quantity and time, and the broad
// WordNet classes a noun may fall under ("tribunal" is a kind of court, "deadline" a point in time). First match wins.
// Broader terms are WordNet's words, so an ambiguous one is avoided: "state" is also a condition ("situation").
const NOUN_CLASSES: readonly { type: AnswerType; words: readonly string[]; broader: readonly string[] }[] = [
  { type: 'count', words: ['number', 'count', 'total'], broader: [] },
  { type: 'amount', words: ['maximum', 'minimum', 'cap', 'ceiling', 'limit', 'threshold', 'amount', 'sum', 'fine', 'penalty', 'fee', 'level', 'rate', 'percentage', 'proportion', 'share', 'figure'], broader: ['monetary value', 'sum', 'fee', 'penalty', 'payment', 'assets'] },
  { type: 'date', words: ['date', 'day', 'year', 'month', 'deadline'], broader: ['point in time', 'calendar day', 'calendar month'] },
  { type: 'duration', words: ['period', 'duration', 'time', 'timeframe', 'window'], broader: ['time period', 'time unit', 'duration'] },
  { type: 'place', words: ['country', 'place', 'city', 'state', 'nation', 'jurisdiction'], broader: ['country', 'city', 'administrative district', 'nation', 'continent'] },
  { type: 'reference', words: ['legislation', 'law', 'act', 'bill', 'statute', 'regulation', 'section', 'article', 'part', 'schedule', 'paragraph', 'provision', 'chapter'], broader: ['legislative act', 'written document'] },
  { type: 'who', words: ['body', 'authority', 'regulator', 'person', 'people', 'official', 'minister', 'court', 'tribunal', 'organisation', 'organization', 'company', 'firm'], broader: ['organization', 'social group', 'person', 'institution', 'court'] },
];

/** Whether a word names a law or a part of one ("Act", "section", "Schedule"): what a reference is made of. */
export const namesReference = (word: string): boolean => NOUN_CLASSES.some(({ type, words }) => type === 'reference' && words.includes(word.toLowerCase().replace(/s$/, '')));

// Verbs of saying: "what did X say", "how did X describe…" ask for what someone said.
const SAYING = /^(?:say|said|says|call|called|calls|describe|described|describes|claim|claimed|claims|argue|argued|argues|think|thought|thinks|tell|told|tells|warn|warned|warns|respond|responded|react|reacted)$/i;

const COMPARISON = /\b(?:compare[sd]?|comparison|versus|vs\.?|difference|differ|(?:higher|lower|more|less|bigger|smaller|larger|greater) than|which (?:is|are|was|one is) (?:the )?(?:higher|lower|bigger|larger|greater|smaller|highest|lowest|biggest|largest))\b/i;
const SECOND_PART = /(?:,\s*|\s)and (?:(?:for |by |in |on |from )?(?:how|what|which|who|when|where|why)\b)/gi;
const NUMBER_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** The small whole number a word writes ("two", "3"), if it writes one. */
export const smallNumber = (word: string): number | undefined => NUMBER_WORDS[word.toLowerCase()] ?? (/^\d{1,2}$/.test(word) ? Number(word) : undefined);

export function analyseQuestion(question: string, tools: QuestionTools): QuestionFrame {
  const { text, instructionOnly } = withoutInstructions(question);
  const analysis = tools.analyse(text);
  const tokens = analysis.tokens.filter((t) => t.kind !== 'punctuation');
  const names = namePhrases(text, analysis, tools.lexicon);
  const nameStems = new Set(names.flatMap((n) => n.stems));
  const { answerType, focus } = askedFor(text, tokens, tools.lexicon);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  // Read with its punctuation: the phrase ends at a comma or a question mark.
  const scoped = scopeTokens(analysis.tokens);
  for (const token of tokens) {
    if (token.kind !== 'word' && token.kind !== 'number') continue;
    const lower = token.text.toLowerCase();
    if (STOP_WORDS.has(lower) || WH_WORDS.has(lower) || /^['’]s$/.test(lower)) continue;
    // "How *long*", "how *soon*", "how *often*" ask for a period or a count, as "when" asks for a date: sentences give
    // the period, not the word. ("How *big*" stays: a sentence calls a big figure a maximum.)
    const previous = tokens[tokens.indexOf(token) - 1];
    if (previous?.text.toLowerCase() === 'how' && (answerType === 'duration' || answerType === 'count') && (token.pos === 'ADJ' || token.pos === 'ADV')) continue;
    const stems = stemsOf(token.text, token.lemma);
    if (stems.some((s) => seen.has(s))) continue;
    stems.forEach((s) => seen.add(s));
    // A number right after a name word labels it ("Step 2", "Article 83", "Category 1"): it is part of the name, not
    // a figure the answer must state.
    const labels = token.kind === 'number' && previous !== undefined && previous.end + 1 === token.start && stemsOf(previous.text, previous.lemma).some((s) => nameStems.has(s));
    const name = labels || stems.some((s) => nameStems.has(s));
    terms.push({
      raw: token.text,
      stems,
      name,
      focus: focus === token,
      verb: token.pos === 'VERB',
      noun: token.pos === 'NOUN',
      scope: scoped.has(token),
      // Every sense's relatives, not only those of the part of speech the tagger guessed ("Ofcom fine X" reads "fine"
      // as an adjective): a wrong guess would lose the word's sense, while extra relatives only add weak matches.
      related: name || token.kind === 'number' ? [] : (tools.lexicon?.related(lower) ?? []),
    });
  }
  // "…, and for how long?": each later part is read on its own for what it asks.
  const laterParts = [...text.matchAll(SECOND_PART)].map((m) => {
    const part = askedFor(text.slice(m.index), tokens.filter((t) => t.start >= m.index), tools.lexicon).answerType;
    return { answerType: part, expressionTypes: EXPRESSIONS[part] ?? [] };
  });
  // A phrase of the setting alone ("…under the UK *online safety* regime") says where, not what is asked: a sentence
  // repeating it is no closer to the answer.
  const setting = (t: QueryTerm) => t.scope === true;
  const bigrams: [string, string][] = [];
  for (let i = 0; i + 1 < terms.length; i++) if (!(setting(terms[i]!) && setting(terms[i + 1]!))) bigrams.push([terms[i]!.stems[0]!, terms[i + 1]!.stems[0]!]);
  // "the *five* steps", "the *two* formal stages": a number word before its noun (adjectives may stand between), a word
  // apart (not the digits of a word such as "4chan").
  const nounFollows = (i: number): boolean => {
    let j = i + 1;
    while (tokens[j]?.pos === 'ADJ') j++;
    return tokens[j]?.pos === 'NOUN';
  };
  const listWord = tokens.find((t, i) => t.pos === 'NUM' && tokens[i + 1] !== undefined && tokens[i + 1]!.start > t.end && nounFollows(i));
  const count = listWord ? smallNumber(listWord.text) : undefined;
  const type = count && answerType !== 'amount' && answerType !== 'count' ? 'list' : answerType;
  // "How many years…" counts units of time: a date does not answer it.
  const countsTime = type === 'duration' && /\bhow many\b/i.test(text);
  // Asks what someone did: with "did", or with a past verb of its own (read once, for both fields below).
  const done = tokens.some((t) => /^did$/i.test(t.text)) || asksWhatWasDone(tokens);
  return {
    text,
    instructionOnly,
    answerType: type,
    expressionTypes: countsTime ? ['duration'] : (EXPRESSIONS[type] ?? []),
    pastEvent: done || tokens.some((t, i) => /^(?:was|were)$/i.test(t.text) && !describesState(tokens, i)),
    pastAction: done,
    focusIsAnswer: focus !== undefined && classOfNoun(focus, tools.lexicon) === type,
    strict: type === 'date' || type === 'duration' || type === 'count' || type === 'quantity' || (type === 'amount' && /\bhow (?:much|big|large|high)\b/i.test(text)),
    terms,
    names,
    listCount: type === 'list' ? count : undefined,
    sides: type === 'comparison' ? comparisonSides(text, names) : undefined,
    comparedTypes: type === 'comparison' ? comparedTypes(tokens, nameStems, tools.lexicon) : undefined,
    bigrams,
    parts: 1 + laterParts.length,
    laterParts,
  };
}

/**
 * The question's verb reports an act in the past with no "did" to show it: the wh-phrase is its subject ("Which court
 * *fined* X?", "Who *approved* the order?") or a perfect tense carries it ("How much *has* Ofcom *collected*?"). A
 * verb under another auxiliary is not one ("Which fine *is* imposed…", "Who *can* order…").
 */
function asksWhatWasDone(tokens: readonly Token[]): boolean {
  const verb = tokens.findIndex((t) => t.pos === 'VERB');
  if (verb === -1) return false;
  const auxiliaries = tokens.slice(0, verb).filter((t) => t.pos === 'AUX');
  return auxiliaries.every((t) => /^(?:has|have)$/i.test(t.text)) && reportsPast([tokens[verb]!]);
}

/**
 * "Was" at `be` joins its subject to an adjective ("When was the watchdog *able* to…", "Who was *responsible*…"): the
 * question asks about a state, not an event whose participants a report would name. The subject's own words (a
 * determiner, names, nouns, adjectives before a noun) are passed over to find what "was" joins it to.
 */
function describesState(tokens: readonly Token[], be: number): boolean {
  const inSubject = (i: number): boolean => {
    const token = tokens[i];
    if (token === undefined) return false;
    if (token.pos === 'PART') return /^['’]s$/.test(token.text);
    return SUBJECT_POS.has(token.pos) || (token.pos === 'ADJ' && (tokens[i + 1]?.pos === 'ADJ' || SUBJECT_POS.has(tokens[i + 1]?.pos ?? '')));
  };
  let i = be + 1;
  while (inSubject(i)) i++;
  // A subject with no head word ends in the adjective that is its head, mis-tagged ("the largest *fine*").
  const subject = tokens.slice(be + 1, i);
  return tokens[i]?.pos === 'ADJ' && (subject.length === 0 || subject.some((t) => HEAD_POS.has(t.pos)));
}

const HEAD_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'PRON']);

const SUBJECT_POS: ReadonlySet<string> = new Set(['DET', 'NOUN', 'PROPN', 'PRON', 'NUM']);

// The noun phrase after "under" says which rules apply ("under the Online Safety Act", "under the UK's regime").
const SCOPE_PHRASE_POS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'PART', 'NUM']);

function scopeTokens(tokens: readonly Token[]): Set<Token> {
  const scoped = new Set<Token>();
  tokens.forEach((token, i) => {
    // "Under *an* assessment notice" names an instrument used, not the rules asked under.
    if (!/^under$/i.test(token.text) || /^an?$/i.test(tokens[i + 1]?.text ?? '')) return;
    for (let j = i + 1; j < tokens.length && SCOPE_PHRASE_POS.has(tokens[j]!.pos); j++) scoped.add(tokens[j]!);
  });
  return scoped;
}

/**
 * The frame of a follow-up searched with words of the conversation (`frame`, from the rewritten query), told apart by
 * what the user asked now (`own`): the words carried from the last question are marked, and an elliptical follow-up
 * with no question word of its own ("And the ICO?", "And for repeat offences?") asks for what the last question
 * (`previous`) asked for: a figure, a date, a body.
 */
export function followUpFrame(frame: QuestionFrame, own: QuestionFrame, previous?: QuestionFrame): QuestionFrame {
  const asked = new Set(own.terms.flatMap((t) => t.stems));
  const terms = frame.terms.map((t) => ({ ...t, carried: !t.stems.some((s) => asked.has(s)) }));
  const elliptical = own.answerType === 'other' && !own.text.split(/[^\p{L}]+/u).some((w) => WH_WORDS.has(w.toLowerCase()));
  if (!elliptical || !previous || previous.answerType === 'other') return { ...frame, terms, followUp: true };
  const focus = new Set(previous.terms.filter((t) => t.focus).flatMap((t) => t.stems));
  return {
    ...frame,
    followUp: true,
    terms: terms.map((t) => ({ ...t, focus: t.focus || t.stems.some((s) => focus.has(s)) })),
    answerType: previous.answerType,
    expressionTypes: previous.expressionTypes,
    strict: previous.strict,
    focusIsAnswer: previous.focusIsAnswer,
    listCount: previous.listCount,
  };
}

/** The kind of answer wanted, from the question's opening words, and the noun it asks about when it names one. */
function askedFor(text: string, tokens: readonly Token[], lexicon?: Lexicon): { answerType: AnswerType; focus?: Token } {
  if (COMPARISON.test(text)) return { answerType: 'comparison' };
  // The wh-word that asks: the first one not opening a relative clause ("MPs *who* oppose"), wherever it stands ("In
  // practice, how long…"); a question with none asks yes or no when it opens with an auxiliary.
  const i = tokens.findIndex((t, j) => WH_WORDS.has(t.text.toLowerCase()) && !(RELATIVE.has(t.text.toLowerCase()) && j > 0 && ['NOUN', 'PROPN', 'PRON'].includes(tokens[j - 1]!.pos)));
  if (i === -1) {
    let k = 0;
    while (k < tokens.length - 1 && LEADING.has(tokens[k]!.text.toLowerCase())) k++;
    const first = tokens[k];
    const word = first?.text.toLowerCase() ?? '';
    if (first && (first.pos === 'AUX' || (first.pos === 'VERB' && /^(?:is|are|was|were|do|does|did|has|have|had)$/.test(word)))) return { answerType: 'yesno' };
    if (IMPERATIVES[word]) return { answerType: IMPERATIVES[word] };
    return { answerType: 'other' };
  }
  const word = tokens[i]!.text.toLowerCase();
  const next = tokens[i + 1];
  const nextWord = next?.text.toLowerCase() ?? '';
  switch (word) {
    case 'who':
    case 'whom':
    case 'whose':
      return { answerType: 'who' };
    case 'when':
      // "When does a chatbot fall outside…" asks for a condition; "when did…" for a date.
      return { answerType: /^(?:does|do|is|are|can|may|must|should|would)$/.test(nextWord) ? 'other' : 'date' };
    case 'where':
      return { answerType: 'place' };
    case 'why':
      return { answerType: 'reason' };
    case 'what':
      // "…, and for what?", "what for?": a reason.
      if ((/^for$/i.test(tokens[i - 1]?.text ?? '') && next === undefined) || nextWord === 'for') return { answerType: 'reason' };
      return askedForWhat(text, tokens, i, lexicon);
    case 'how': {
      if (nextWord === 'much') {
        // "How much warning…" asks for as much time as money: the noun, if any, says which.
        const noun = next && tokens[i + 2]?.pos === 'NOUN' ? tokens[i + 2] : undefined;
        const type = noun && classOfNoun(noun, lexicon);
        return { answerType: type === 'duration' || type === 'date' ? 'duration' : noun && !type ? 'quantity' : 'amount', focus: noun };
      }
      if (['big', 'large', 'high', 'severe', 'steep', 'hefty'].includes(nextWord)) return { answerType: 'amount' };
      if (nextWord === 'many') {
        const noun = tokens.slice(i + 2).find((t) => t.pos === 'NOUN');
        const type = noun && classOfNoun(noun, lexicon);
        // "How many years/days…" counts a period of time.
        return { answerType: type === 'duration' || type === 'date' ? 'duration' : 'count', focus: noun };
      }
      if (nextWord === 'long' || nextWord === 'soon' || nextWord === 'quickly') return { answerType: 'duration' };
      if (nextWord === 'often') return { answerType: 'count' };
      if (tokens.slice(i + 1).some((t) => t.pos === 'VERB' && SAYING.test(t.text))) return { answerType: 'statement' };
      return { answerType: next?.pos === 'AUX' || next?.pos === 'VERB' ? 'steps' : 'other' };
    }
    default:
      return askedForWhat(text, tokens, i, lexicon);
  }
}

/** "What" or "which" at `i`: what the noun phrase after it, or the rest of the question, asks for. */
function askedForWhat(text: string, tokens: readonly Token[], i: number, lexicon?: Lexicon): { answerType: AnswerType; focus?: Token } {
  const next = tokens[i + 1];
  const nextWord = next?.text.toLowerCase() ?? '';
  // what / which + noun phrase ("which tribunal", "what user numbers"), or + be + noun phrase ("what is the
  // maximum fine", "what was the first fine"): the phrase's head noun says what is asked for.
  let from = i + 1;
  if (tokens[from]?.pos === 'AUX' && /^(?:is|are|was|were|be|'s|’s)$/i.test(tokens[from]!.text)) from++;
  const noun = headNoun(tokens, from, lexicon);
  if (noun) {
    const type = classOfNoun(noun, lexicon);
    if (type) return { answerType: type, focus: noun };
    // A head of no class that takes "of" ("which *piece of* legislation") is answered as the noun after it.
    const after = tokens.indexOf(noun) + 1;
    const inner = /^of$/i.test(tokens[after]?.text ?? '') ? headNoun(tokens, after + 1, lexicon) : undefined;
    const innerType = inner && classOfNoun(inner, lexicon);
    if (innerType) return { answerType: innerType, focus: inner };
  }
  if (/^(?:happens?|happened|would|will)$/.test(nextWord) && /\bhappen/i.test(text)) return { answerType: 'consequence' };
  if (/\bconsequences?\b/i.test(text)) return { answerType: 'consequence' };
  const verb = tokens.slice(i + 1).find((t) => t.pos === 'VERB');
  if (verb && SAYING.test(verb.text)) return { answerType: 'statement' };
  // "What did the court fine Zeta?": a past act with an object after its verb leaves "what" to be the amount imposed,
  // when the verb read as a noun is one ("fine"). "What can the regulator fine?" asks for the things it can fine, and
  // "What can it fine a keeper?" for the rule, which may be stated in any currency. The verb is the word after the
  // subject, whatever the tagger made of it ("fine" is often read as an adjective).
  if (nextWord === 'did') {
    const k = tokens.findIndex((t, j) => j > i + 2 && ['VERB', 'ADJ'].includes(t.pos) && ['PROPN', 'NOUN'].includes(tokens[j - 1]!.pos) && ['PROPN', 'NOUN', 'PRON', 'DET'].includes(tokens[j + 1]?.pos ?? ''));
    if (k !== -1 && classOfNoun(tokens[k]!, lexicon) === 'amount') return { answerType: 'amount' };
  }
  // "What powers…", "Which kinds of breach…", "What are the five steps…": a plural head asks for several things.
  if (noun && noun.text.toLowerCase() !== noun.lemma.toLowerCase() && /s$/i.test(noun.text)) return { answerType: 'list', focus: noun };
  if (next?.pos === 'AUX' && !tokens.slice(i + 2, -1).some((t) => t.pos === 'VERB')) return { answerType: 'definition', focus: noun };
  if (/\bmean\b/i.test(text)) return { answerType: 'definition' };
  return { answerType: 'other', focus: noun };
}

/**
 * The head of the noun phrase starting at `from`: its last noun, determiners and adjectives before it skipped. A word
 * the tagger read as an adjective ends the phrase as its head when the lexicon knows it as a noun and no noun follows
 * ("the biggest consumer-law *fine* the CMA can give", where "fine" was tagged an adjective), and so does a proper
 * noun in the plural that the lexicon knows as a common one ("which *Britons*").
 */
function headNoun(tokens: readonly Token[], from: number, lexicon?: Lexicon): Token | undefined {
  const known = (t: Token, before: readonly string[]) => lexicon !== undefined && lexicon.broaderTerms(t.text).length > 0 && !before.includes(tokens[tokens.indexOf(t) + 1]?.pos ?? '');
  // A capitalised plural the lexicon knows as a common noun names a kind of people ("which *Britons*…").
  const isNoun = (t: Token | undefined) =>
    t !== undefined && (t.pos === 'NOUN' || (t.pos === 'ADJ' && known(t, ['NOUN', 'ADJ'])) || (t.pos === 'PROPN' && /[^s]s$/.test(t.text) && known(t, ['NOUN', 'ADJ', 'PROPN'])));
  const possessive = (t: Token | undefined) => t !== undefined && t.pos === 'PART' && /^['’]s?$/.test(t.text);
  let j = from;
  for (;;) {
    if (j < tokens.length && ['DET', 'ADJ', 'NUM', 'ADV'].includes(tokens[j]!.pos) && !isNoun(tokens[j])) j++;
    // A possessor is not the head: "the ICO's maximum fine" asks for a fine.
    else if (['PROPN', 'NOUN'].includes(tokens[j]?.pos ?? '') && possessive(tokens[j + 1])) j += 2;
    else break;
  }
  if (!isNoun(tokens[j])) return undefined;
  // A question needs a verb: with none later (a capitalised word is a name, not one), a "noun" before a determiner
  // is it, whatever the tagger made of it ("which countries *share* the UK's concerns about Grok").
  const verbLater = (k: number) => tokens.slice(k + 1).some((t) => (t.pos === 'VERB' || t.pos === 'AUX') && !/^\p{Lu}/u.test(t.text));
  // So is one before a possessor ("which countries *share* France's concerns").
  const opensObject = (k: number) => ['DET', 'PRON'].includes(tokens[k]?.pos ?? '') || (tokens[k]?.pos === 'PROPN' && possessive(tokens[k + 1]));
  while (isNoun(tokens[j + 1]) && !(opensObject(j + 2) && !verbLater(j + 1))) j++;
  return tokens[j];
}

/** What a comparison compares, when it is a quantity or a time: the first word whose class has expressions ("maximum fine"). */
function comparedTypes(tokens: readonly Token[], nameStems: ReadonlySet<string>, lexicon?: Lexicon): ExpressionType[] | undefined {
  for (const token of tokens) {
    if (token.kind !== 'word' || nameStems.has(token.lemma.toLowerCase()) || STOP_WORDS.has(token.text.toLowerCase())) continue;
    const type = classOfNoun(token, lexicon);
    if (type && EXPRESSIONS[type]) return EXPRESSIONS[type];
  }
  return undefined;
}

/** What a noun names: a quantity or time word itself, else by its broader terms in the lexicon ("tribunal" is a body). */
function classOfNoun(noun: Token, lexicon?: Lexicon): AnswerType | undefined {
  const forms = [noun.lemma.toLowerCase(), noun.text.toLowerCase()];
  const direct = NOUN_CLASSES.find(({ words }) => forms.some((f) => words.includes(f)));
  if (direct) return direct.type;
  if (!lexicon) return undefined;
  const ancestors = new Set(lexicon.broaderTerms(forms[0]!));
  return NOUN_CLASSES.find(({ broader }) => broader.some((b) => ancestors.has(b)))?.type;
}

/** Names in the question: runs of proper nouns and acronyms, with initials and whether they only modify. */
function namePhrases(text: string, analysis: Analysis, lexicon?: Lexicon): NamePhrase[] {
  const phrases: NamePhrase[] = [];
  for (const expression of analysis.expressions) {
    if (expression.type !== 'name') continue;
    // A capital that opens the question is grammar ("What", "Which"), unless the word is an acronym.
    const words = expression.text.split(/\s+/).filter((w) => !(expression.start === 0 && WH_WORDS.has(w.toLowerCase())));
    if (!words.length) continue;
    const phrase = words.join(' ');
    // A plural of initials ("MPs", "VLOPs") names a class of things, as a common noun does, not one of them.
    if (words.length === 1 && /^\p{Lu}{2,}s$/u.test(phrase)) continue;
    const stems = words.flatMap((w) => (STOP_WORDS.has(w.toLowerCase()) ? [] : stemsOf(w)));
    if (!stems.length) continue;
    const capitals = words.filter((w) => /^\p{Lu}/u.test(w));
    const acronym = words.length === 1 && /^\p{Lu}[\p{Lu}\d]+$/u.test(phrase);
    phrases.push({
      text: phrase,
      stems,
      initials: acronym ? phrase.toLowerCase() : capitals.length > 1 ? capitals.map((w) => w[0]!.toLowerCase()).join('') : undefined,
      modifier: /^['’]s\b/.test(text.slice(expression.end)),
      compound: analysis.tokens.find((t) => t.start >= expression.end)?.pos === 'NOUN',
      // Only a one-word name can be looked up; its synonyms and derived forms name the same thing.
      alternatives: words.length === 1 && lexicon ? lexicon.related(phrase).filter((r) => r.relation === 'synonym' || r.relation === 'derivation').map((r) => r.stem) : [],
      country: words.length === 1 && countryOf(phrase, lexicon) !== undefined && !isDestination(analysis, expression.start),
    });
  }
  return phrases;
}

// Prepositions of motion: a country after one is where something goes or comes from ("sending data to the US"), a
// thing the answer must mention, not the jurisdiction the question is asked in ("in the UK", "Britain's").
const DIRECTIONAL = new Set(['to', 'from', 'into', 'towards', 'toward']);

/** Whether the name starting at `start` is the object of a preposition of motion (an article may stand between). */
function isDestination(analysis: Analysis, start: number): boolean {
  const before = analysis.tokens.filter((t) => t.start < start);
  let i = before.length - 1;
  if (i >= 0 && before[i]!.pos === 'DET') i--;
  return i >= 0 && before[i]!.pos === 'ADP' && DIRECTIONAL.has(before[i]!.text.toLowerCase());
}

/** The names on each side of a comparison: before and after its hinge word ("compare with", "and", "or", "than"). */
function comparisonSides(text: string, names: readonly NamePhrase[]): NamePhrase[][] | undefined {
  const hinge = /\b(?:compare[sd]? (?:with|to)|compared (?:with|to)|versus|vs\.?|than|and|or)\b/i.exec(text);
  if (!hinge || names.length < 2) return undefined;
  const at = hinge.index;
  const before = names.filter((n) => text.indexOf(n.text) < at);
  const after = names.filter((n) => text.indexOf(n.text) > at);
  return before.length && after.length ? [before, after] : undefined;
}

/** Stems that are function words or question words, never content. */
export const isContentWord = (word: string): boolean => !STOP_WORDS.has(word.toLowerCase()) && !WH_WORDS.has(word.toLowerCase());
