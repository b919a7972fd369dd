// The powers table as evidence: when a question asks what a regulator in the table can do ("What can Ofcom fine?",
// "Who decides a blocking order?"), the sentences its card quotes for that power (its limit, who decides it) are
// marked, and the ranker weighs the mark like any other feature. Regulators and kinds come from the table.
import type { Power, PowerCitation, PowerField } from '../../powers/schema.js';
import { nameIn } from './features.js';
import type { QuestionFrame } from './question.js';
import { stemsOf, words } from './terms.js';

// The parts of a kind's name that say what it is ("blocking_order" is about blocking); "order" and "notice" say how.
const FORM_WORDS = new Set(['order', 'notice', 'other']);

/** The card quotes that state what the question asks of the powers it names. */
export function cardQuotes(question: QuestionFrame, powers: readonly Power[]): PowerCitation[] {
  const asked = powers.filter((power) => asksAbout(question, power));
  const field: PowerField = question.answerType === 'who' ? 'decidedBy' : 'limit';
  return asked.flatMap((power) => power.citations[field] ?? (field === 'limit' && !power.limit ? (power.citations.kind ?? []) : []));
}

function asksAbout(question: QuestionFrame, power: Power): boolean {
  if (power.kind === 'other' || power.scope) return false;
  const regulator = new Set([...words(power.regulator).filter((w) => !w.stop).map((w) => w.stem), initialsOf(power.regulator)]);
  const named = question.names.some((name) => nameIn(name, regulator));
  if (!named) return false;
  const heads = power.kind.split('_').filter((w) => !FORM_WORDS.has(w)).flatMap((w) => stemsOf(w));
  return question.terms.some((term) => !term.name && (term.stems.some((s) => heads.includes(s)) || term.related.some((r) => heads.includes(r.stem))));
}

const initialsOf = (name: string): string =>
  words(name)
    .filter((w) => w.capitalised && !w.part)
    .map((w) => w.raw[0]!.toLowerCase())
    .join('');
