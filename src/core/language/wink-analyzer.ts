// The English analyser: wink-nlp with its English lite model (tokens, parts of speech, negation, named entities of
// number, date, duration, money and percent types), plus names as runs of proper nouns. Runs anywhere JavaScript
// does (Node, Workers, browsers). Loading the model takes a few hundred milliseconds, so it is loaded once, on demand.
import type { Analysis, Expression, ExpressionType, PartOfSpeech, Token, TextAnalyzer, TokenKind } from './analysis.js';

type Wink = typeof import('wink-nlp');
type WinkInstance = ReturnType<Wink['default']>;

const ENTITY_TYPES: Readonly<Record<string, ExpressionType>> = {
  DATE: 'date',
  TIME: 'time',
  DURATION: 'duration',
  MONEY: 'money',
  PERCENT: 'percent',
  CARDINAL: 'count',
  ORDINAL: 'ordinal',
};

// Small words that may sit inside a name ("Office of Communications", "Competition and Markets Authority").
const NAME_JOINERS: ReadonlySet<string> = new Set(['of', 'for', 'and', 'the', 'on', '&']);
// Magnitudes written after a number ("£18m", "€2bn", "120 million").
const MAGNITUDE = /^(?:m|bn|k|million|billion|thousand|trillion)\.?$/i;
const CURRENCY_WORD = /^(?:euros?|pounds?|dollars?|sterling)$/i;

let loading: Promise<WinkInstance> | undefined;
let loaded: WinkInstance | undefined;

/** Loads wink-nlp and its model once per process; later calls return the same instance. */
export async function loadWinkAnalyzer(): Promise<TextAnalyzer> {
  loading ??= (async () => {
    const [{ default: winkNLP }, { default: model }] = await Promise.all([import('wink-nlp'), import('wink-eng-lite-web-model')]);
    loaded = winkNLP(model, ['sbd', 'negation', 'pos', 'ner']);
    return loaded;
  })();
  return new WinkAnalyzer(await loading);
}

export class WinkAnalyzer implements TextAnalyzer {
  constructor(private readonly nlp: WinkInstance) {}

  analyse(text: string): Analysis {
    const { its } = this.nlp;
    const doc = this.nlp.readDoc(text);
    const values = doc.tokens().out();
    const spaces = doc.tokens().out(its.precedingSpaces) as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    const kinds = doc.tokens().out(its.type) as string[];
    // The typings give lemma the shape of an add-on function, which out() accepts at run time.
    const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.pos) as string[];
    const negations = doc.tokens().out(its.negationFlag) as boolean[];
    const tokens: Token[] = [];
    let at = 0;
    values.forEach((value, i) => {
      at += spaces[i]!.length;
      // wink keeps the text of each token as written, so offsets add up; search defends against any normalisation.
      const start = text.startsWith(value, at) ? at : text.indexOf(value, at);
      const begin = start === -1 ? at : start;
      tokens.push({
        text: value,
        start: begin,
        end: begin + value.length,
        pos: (pos[i] ?? 'X') as PartOfSpeech,
        kind: tokenKind(kinds[i]),
        lemma: lemmas[i] ?? value.toLowerCase(),
        negated: negations[i] ?? false,
      });
      at = begin + value.length;
    });
    const spans = doc.entities().out(its.span) as [number, number][];
    const types = doc.entities().out(its.type) as string[];
    const { merged, indexOf } = joinGlued(tokens);
    const entities = spans.flatMap(([first, last], i) => {
      const type = ENTITY_TYPES[types[i]!];
      // A number glued into a name ("4chan") counts nothing.
      return type && !(first === last && merged[indexOf[first]!] !== tokens[first]) ? [{ type, first: indexOf[first]!, last: indexOf[last]! }] : [];
    });
    const typed = figures(merged, entities);
    // A month or a weekday is capitalised, but it is a date, not a name.
    const dated = (t: Token) => typed.some((e) => (e.type === 'date' || e.type === 'time' || e.type === 'duration') && t.start >= e.start && t.end <= e.end);
    const expressions = [...typed, ...names(merged.map((t) => (dated(t) ? { ...t, pos: 'NOUN' as const, text: t.text.toLowerCase() } : t)))].sort((a, b) => a.start - b.start);
    for (const expression of expressions) expression.text = text.slice(expression.start, expression.end);
    return { tokens: merged, expressions };
  }
}

/**
 * The model splits a word that starts with digits after them ("4chan" -> "4" "chan", "5G", "section 66A"): the two
 * are one word, a name, whose parts count and mean nothing apart. A magnitude after a number ("18m") stays apart.
 * Returns the tokens with each such pair joined, and where each original token went.
 */
function joinGlued(tokens: readonly Token[]): { merged: Token[]; indexOf: number[] } {
  const merged: Token[] = [];
  const indexOf: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (token.kind === 'number' && /^\d+$/.test(token.text) && next?.kind === 'word' && next.start === token.end && /^\p{L}+$/u.test(next.text) && !MAGNITUDE.test(next.text)) {
      const text = token.text + next.text;
      indexOf.push(merged.length, merged.length);
      merged.push({ text, start: token.start, end: next.end, pos: 'PROPN', kind: 'word', lemma: text.toLowerCase(), negated: token.negated || next.negated });
      i++;
    } else {
      indexOf.push(merged.length);
      merged.push(token);
    }
  }
  return { merged, indexOf };
}

function tokenKind(kind: string | undefined): TokenKind {
  switch (kind) {
    case 'word':
    case 'number':
    case 'currency':
    case 'symbol':
    case 'punctuation':
      return kind;
    default:
      return 'other';
  }
}

/**
 * The model's typed entities, completed where English writes figures the model reads partly: a currency sign before
 * a count makes money ("£" "18" "m"), a magnitude after it belongs to it, and a count before a duration word is part
 * of the duration ("10 working days"); a number that labels the noun before it is no figure.
 */
function figures(tokens: readonly Token[], entities: readonly { type: ExpressionType; first: number; last: number }[]): Expression[] {
  const result: Expression[] = [];
  for (const entity of entities) {
    let { type, first, last } = entity;
    // The year in a title ("the Online Safety Act 2023") names the law: it is no date nor count ("in May 2023" is).
    const before = tokens[first - 1];
    const titled = before?.kind === 'word' && /^\p{Lu}/u.test(before.text) && !entities.some((e) => e.last === first - 1 && e.type === 'date');
    if ((type === 'date' || type === 'count') && first === last && /^\d{4}$/.test(tokens[first]!.text) && titled) continue;
    // "one of its markets" picks one out of several (a partitive), counting nothing.
    if (type === 'count' && first === last && /^one$/i.test(tokens[first]!.text) && /^of$/i.test(tokens[first + 1]?.text ?? '')) continue;
    // A number written after a noun labels it ("Category 1", "Article 83", "section 144", "Step 2"): it counts nothing.
    if (type === 'count' && first === last && ['NOUN', 'PROPN'].includes(tokens[first - 1]?.pos ?? '') && tokens[first]!.kind === 'number') continue;
    if (type === 'count' || type === 'money') {
      while (tokens[last + 1] && MAGNITUDE.test(tokens[last + 1]!.text)) last++;
      if (tokens[first - 1]?.kind === 'currency') (first -= 1), (type = 'money');
      if (tokens[last + 1] && CURRENCY_WORD.test(tokens[last + 1]!.text)) (last += 1), (type = 'money');
    }
    const previous = result[result.length - 1];
    // "10" + "working days": the model splits a duration whose unit is qualified.
    if (type === 'duration' && previous?.type === 'count' && tokens.slice(0, first).findLastIndex((t) => t.start === previous.start) >= first - 3) {
      previous.type = 'duration';
      previous.end = tokens[last]!.end;
      previous.text = '';
      continue;
    }
    result.push({ type, start: tokens[first]!.start, end: tokens[last]!.end, text: '' });
  }
  // Where each token starts, so the word before an expression is found without a scan (a whole document has many).
  const tokenAt = new Map(tokens.map((t, i) => [t.start, i]));
  const firstToken = (e: Expression) => tokenAt.get(e.start) ?? -1;
  // "until March 2027", "by 1 May", "from May to June": a date that ends a period measures it, so it also answers "how long".
  for (const date of result.filter((e) => e.type === 'date')) {
    const before = tokens[firstToken(date) - 1];
    if (before && PERIOD_END.test(before.text)) result.push({ type: 'duration', start: before.start, end: date.end, text: '' });
  }
  // "within days", "in a matter of weeks": a period counted from now places a time, so it also answers "when".
  for (const duration of result.filter((e) => e.type === 'duration')) {
    let at = firstToken(duration) - 1;
    while (at >= 0 && duration.start - tokens[at]!.start < 20 && QUALIFIES_PERIOD(tokens[at]!)) at--;
    const before = tokens[at];
    if (before && RELATIVE_TIME.test(before.text)) result.push({ type: 'time', start: before.start, end: duration.end, text: '', relative: true });
  }
  return result;
}

const RELATIVE_TIME = /^(?:in|within)$/i;
const PERIOD_END = /^(?:until|till|by|before|through|to)$/i;
// Words between "within" and the period's unit: "a matter of", "the coming", "a few".
const QUALIFIES_PERIOD = (t: Token) => ['DET', 'ADJ', 'NOUN', 'NUM'].includes(t.pos) || /^of$/i.test(t.text);

/** Runs of proper nouns (and acronyms), joined across "of", "for", "and", "the": "Competition and Markets Authority". */
function names(tokens: readonly Token[]): Expression[] {
  const result: Expression[] = [];
  let first = -1;
  let last = -1;
  const flush = () => {
    if (first !== -1) result.push({ type: 'name', start: tokens[first]!.start, end: tokens[last]!.end, text: '' });
    first = last = -1;
  };
  tokens.forEach((token, i) => {
    // A capital mid-sentence marks a name whatever part of speech the model guessed ("the Online Safety Act", where
    // "Act" reads as a verb); at a sentence's start only a proper noun or an acronym does.
    const capital = /^\p{Lu}/u.test(token.text) && token.kind === 'word';
    const sentenceStart = i === 0 || /^[.!?:;"“]$/.test(tokens[i - 1]!.text);
    // An acronym, or a word that starts with digits ("4chan", "3M", joined by joinGlued).
    const acronym = (/^\p{Lu}[\p{Lu}\d]+$/u.test(token.text) && token.text.length > 1) || /^\d+\p{L}/u.test(token.text);
    const proper = token.pos === 'PROPN' || acronym || (capital && !sentenceStart && token.pos !== 'PRON');
    if (proper) {
      if (first === -1) first = i;
      last = i;
    } else if (!(first !== -1 && NAME_JOINERS.has(token.text.toLowerCase()) && (tokens[i + 1]?.pos === 'PROPN'))) {
      flush();
    }
  });
  flush();
  return result;
}
