// Offline follow-up rewriting: a question that leans on earlier turns ("and can it block the site?") gets their names appended.
import type { Turn } from '../schema.js';
import type { QueryRewriter } from './answerer.js';
import { STOP_WORDS } from './extractive/terms.js';

/** Names appended to a follow-up at most: enough to pin the subject, few enough not to drown the question. */
export const MAX_CARRIED_NAMES = 4;
/** Names taken from the last answer at most: it may name what "the site" is, but it names much else too. */
export const MAX_ANSWER_NAMES = 2;
/** User turns searched back for names, newest first: older topics are likely stale. */
export const USER_TURNS_SEARCHED = 3;

// Words that point back at something said before.
const ANAPHORA =
  /\b(?:it|its|they|them|their|he|she|him|her|his|this|that|these|those)\b|\bthe (?:regulator|watchdog|site|website|platform|company|firm|government|law|act|bill|minister|app|chatbot|tool|country|fine|ban)\b/i;
// Openers of an elliptical follow-up: "what about Australia?" reuses the last question's predicate.
const ELLIPTICAL = /^\s*(?:and|but|so|also|what about|how about|and what about)\b/i;
const LEADING_CONJUNCTION = /^\s*(?:and|but|so|also)\b[\s,]*/i;
const CITATION = /\[\d+\]/g;
// Capitalised words (or acronyms such as "X" and "UK"), joined into names across "of", "for", "the" and "on".
const NAME = /\p{Lu}[\p{L}\p{N}’'-]*(?:\s+(?:(?:of|for|the|on)\s+)?\p{Lu}[\p{L}\p{N}’'-]*)*/gu;
const SENTENCE_START = /(?:^|[.!?]["”’)]*\s+|\n)\s*$/;
const OPENERS = new Set(['explain', 'tell', 'list', 'describe', 'summarise', 'summarize', 'give', 'show', 'name', 'i']);

export class OfflineQueryRewriter implements QueryRewriter {
  async rewrite(question: string, history: readonly Turn[]): Promise<string> {
    return rewriteFollowUp(question, history);
  }
}

/** The standalone retrieval query for `question` after `history`: unchanged when it already names its own subject. */
export function rewriteFollowUp(question: string, history: readonly Turn[]): string {
  const own = namesIn(question);
  const leans = ANAPHORA.test(question.replace(NAME, ' '));
  const elliptical = ELLIPTICAL.test(question);
  if (own.length > 0 && !leans && !elliptical) return question;
  if (own.length === 0 && !leans && !elliptical && contentWords(question).length >= 3) return question;

  const known = new Set(own.map((n) => n.toLowerCase()));
  const carried: string[] = [];
  const carry = (name: string) => {
    if (carried.length < MAX_CARRIED_NAMES && !known.has(name.toLowerCase())) {
      known.add(name.toLowerCase());
      carried.push(name);
    }
  };
  const users = history.filter((t) => t.role === 'user').slice(-USER_TURNS_SEARCHED).reverse();
  // An elliptical follow-up with its own subject swaps the subject and keeps the predicate.
  if (elliptical && own.length > 0) {
    const previous = users[0]?.content ?? '';
    const previousNames = new Set(namesIn(previous).flatMap((n) => n.toLowerCase().split(/\s+/)));
    for (const word of contentWords(previous)) if (!previousNames.has(word.toLowerCase())) carry(word);
  } else {
    for (const turn of users) namesIn(turn.content).forEach(carry);
    const lastAnswer = history.findLast((t) => t.role === 'assistant');
    const answerNames = lastAnswer ? namesIn(lastAnswer.content.replace(CITATION, ''), { midSentenceOnly: true }) : [];
    answerNames.filter((n) => !known.has(n.toLowerCase())).slice(0, MAX_ANSWER_NAMES).forEach(carry);
  }
  const base = question.replace(LEADING_CONJUNCTION, '').trim();
  return carried.length ? `${base} ${carried.join(' ')}` : base;
}

/**
 * Capitalised names in order of first appearance, without question words and sentence openers.
 * `midSentenceOnly` keeps a one-word name only if it is an acronym or is seen capitalised mid-sentence ("Ministers said" is no name).
 */
export function namesIn(text: string, options: { midSentenceOnly?: boolean } = {}): string[] {
  const names: string[] = [];
  const midSentence = new Set<string>();
  for (const match of text.matchAll(NAME)) if (!SENTENCE_START.test(text.slice(0, match.index))) midSentence.add(match[0].toLowerCase());
  for (const match of text.matchAll(NAME)) {
    const words = match[0].split(/\s+/);
    const single = words.length === 1 && words[0] !== words[0]!.toUpperCase();
    if (options.midSentenceOnly && single && !midSentence.has(match[0].toLowerCase())) continue;
    // "What Ofcom", "Did JD Vance": drop capitalised function words at the front.
    while (words.length && isFunctionWord(words[0]!)) words.shift();
    const name = words.join(' ');
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

/** "What", "Did", "I": capitalised but no name. "US" is a name although "us" is a stop word. */
function isFunctionWord(word: string): boolean {
  const lower = word.toLowerCase();
  const acronym = word.length > 1 && word === word.toUpperCase();
  return OPENERS.has(lower) || (!acronym && STOP_WORDS.has(lower));
}

function contentWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}’'-]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w.toLowerCase()) && !OPENERS.has(w.toLowerCase()));
}
