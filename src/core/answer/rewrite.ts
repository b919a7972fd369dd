// Offline follow-up rewriting from the question's parse: a question depends on the conversation only when it has no
// subject of its own (it points back with a pronoun, or is elliptical: "and in the UK?", "why?", "who decides that?").
// Then the last user turn's subject and predicate are carried into the query, and nothing else. A self-contained
// question is never rewritten.
import type { Analysis, TextAnalyzer } from '../language/analysis.js';
import { loadWinkAnalyzer } from '../language/wink-analyzer.js';
import type { Turn } from '../schema.js';
import type { QueryRewriter } from './answerer.js';
import { STOP_WORDS } from './extractive/terms.js';

// Words that stand for something said before: personal and demonstrative pronouns, and "one"/"there" used so.
const POINTING = new Set(['it', 'its', 'they', 'them', 'their', 'theirs', 'he', 'him', 'his', 'she', 'her', 'hers', 'this', 'that', 'these', 'those']);
// Openers of an elliptical follow-up that reuses the last question: "and…", "what about…", "how about…".
const ELLIPTICAL = /^\s*(?:and|but|so|also|or|what about|how about|same for|likewise)\b/i;
const LEADING_CONJUNCTION = /^\s*(?:and|but|so|also|or)\b[\s,]*/i;
/** A question with no more content words than this, and no name, names nothing it could be about ("why?", "how long?"). */
const MAX_BARE_WORDS = 2;

export interface OfflineQueryRewriterOptions {
  /** The English analyser; wink-nlp by default. */
  analyzer?: () => Promise<TextAnalyzer>;
}

export class OfflineQueryRewriter implements QueryRewriter {
  constructor(private readonly options: OfflineQueryRewriterOptions = {}) {}

  async rewrite(question: string, history: readonly Turn[]): Promise<string> {
    if (!history.some((t) => t.role === 'user')) return question;
    const analyzer = await (this.options.analyzer ?? loadWinkAnalyzer)();
    return rewriteFollowUp(question, history, analyzer);
  }
}

/** The standalone retrieval query for `question` after `history`: unchanged when the question stands on its own. */
export function rewriteFollowUp(question: string, history: readonly Turn[], analyzer: TextAnalyzer): string {
  const parse = analyzer.analyse(question);
  if (!dependsOnConversation(question, parse)) return question;
  const previous = history.findLast((t) => t.role === 'user');
  if (!previous) return question.replace(LEADING_CONJUNCTION, '').trim();
  const own = new Set(contentWords(parse).map((w) => w.toLowerCase()));
  const earlier = analyzer.analyse(previous.content);
  // The last question's subject and predicate: its names and its other content words, as asked. A follow-up with a
  // subject of its own ("what about Farage?") keeps the predicate and swaps the subject.
  // One with a verb of its own ("and when did the bans *start to apply*?") drops the last question's verbs, which would
  // pull its answer back ("…*enter* into force").
  const ownSubject = namesOf(question, parse).length > 0;
  const ownVerb = parse.tokens.some((t) => t.pos === 'VERB');
  const earlierNames = new Set(namesOf(previous.content, earlier).flatMap((n) => n.toLowerCase().split(/\s+/)));
  const carried = contentTokens(earlier)
    .filter((t) => !(ownVerb && t.pos === 'VERB' && !earlierNames.has(t.text.toLowerCase())))
    .map((t) => t.text)
    .filter((w) => !own.has(w.toLowerCase()) && !(ownSubject && earlierNames.has(w.toLowerCase())));
  const base = question.replace(LEADING_CONJUNCTION, '').trim();
  return carried.length ? `${base} ${[...new Set(carried)].join(' ')}` : base;
}

/** Whether a question leans on what was said before: it points back, opens elliptically, or names nothing at all. */
export function dependsOnConversation(question: string, parse: Analysis): boolean {
  if (ELLIPTICAL.test(question)) return true;
  const names = namesOf(question, parse);
  const pointing = parse.tokens.some((t, i) => POINTING.has(t.text.toLowerCase()) && pointsBack(parse, i));
  const content = contentWords(parse);
  if (pointing) return true;
  return names.length === 0 && content.length <= MAX_BARE_WORDS;
}

/** Names in a text, without a capitalised question word at its start. */
function namesOf(text: string, parse: Analysis): string[] {
  return parse.expressions
    .filter((e) => e.type === 'name')
    .map((e) => text.slice(e.start, e.end).replace(/^(?:what|which|who|when|where|why|how|can|could|does|do|is|are|did|and|but)\s+/i, ''))
    .filter((name) => name && !/^(?:what|which|who|when|where|why|how|can|could|does|do|is|are|did|and|but)$/i.test(name));
}

/**
 * Whether the pronoun at `i` refers to something outside the question: not the "it" of "is it a crime to…" or "is it
 * true that…" (which points forward), and not the "that" of a relative clause ("the firm that broke the rules").
 */
function pointsBack(parse: Analysis, i: number): boolean {
  const { tokens } = parse;
  const word = tokens[i]!.text.toLowerCase();
  const before = tokens[i - 1];
  if (word === 'that' && before && (before.pos === 'NOUN' || before.pos === 'PROPN' || before.pos === 'PRON' || before.pos === 'VERB' || before.pos === 'ADJ')) return false;
  if (word === 'it') {
    const rest = tokens.slice(i + 1);
    const forward = rest.some((t, j) => (t.text.toLowerCase() === 'to' && rest[j + 1]?.pos === 'VERB') || (t.text.toLowerCase() === 'that' && t.pos === 'SCONJ'));
    if (forward) return false;
  }
  return true;
}

/** Content words in order: names and other words that are not function words or pronouns. */
function contentTokens(parse: Analysis): Analysis['tokens'] {
  return parse.tokens.filter(
    (t) =>
      (t.kind === 'word' || t.kind === 'number') &&
      !['PRON', 'DET', 'AUX', 'ADP', 'CCONJ', 'SCONJ', 'PART'].includes(t.pos) &&
      !STOP_WORDS.has(t.text.toLowerCase()) &&
      !/^['’]s$/.test(t.text),
  );
}

const contentWords = (parse: Analysis): string[] => contentTokens(parse).map((t) => t.text);
