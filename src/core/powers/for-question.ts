// Which powers cards fit a question and the answer given to it: the asked regulator's cards of the asked kinds (or
// the UK / EU / Australia comparison), none under an abstention, none whose limit disagrees with the answer.
// Every client (the widget, HTTP, an MCP tool) shows the same selection.
import type { Answer } from '../schema.js';
import { sentenceSpans } from '../text/sentences.js';
import { findAll, KINDS, REGULATORS, STATUTES } from './lexicon.js';
import { describeLimit, findFigures, limitFigures, limitsAgree, toLimit } from './limit.js';
import { powersAsked, REGIMES } from './question.js';
import { POWER_KINDS, type Power, type PowerCitation, type PowerKind, type PowerLimit } from './schema.js';

/** Cards shown open; the rest are folded behind one "more" control. */
export const OPEN_CARDS = 2;

/** What of an answer the selection reads. */
export type AnswerSummary = Pick<Answer, 'abstained' | 'answer' | 'citations'>;

export interface ComparisonCell {
  text: string;
  quote?: PowerCitation;
}

export interface ComparisonRow {
  kind: PowerKind;
  cells: ComparisonCell[];
}

export type PowersForQuestion =
  | { view: 'cards'; regulator: string; kinds: PowerKind[]; powers: Power[]; open: number }
  | { view: 'compare'; kinds: PowerKind[]; rows: ComparisonRow[] };

export function powersForQuestion(question: string, powers: readonly Power[], answer?: AnswerSummary): PowersForQuestion | undefined {
  // An abstention says the sources do not answer the question; cards under it would say they do.
  if (answer?.abstained) return undefined;
  const asked = powersAsked(question);
  if (!asked) return undefined;
  const stated = answer ? limitsStatedIn(answer.answer) : [];
  const agreeing = powers.filter((power) => !contradicts(power, stated));
  if (asked.view === 'compare') {
    const rows = comparisonRows(agreeing, asked.kinds);
    return rows.length ? { view: 'compare', kinds: asked.kinds, rows } : undefined;
  }
  const cited = new Set(answer?.citations.map((c) => c.docId) ?? []);
  // The kinds asked, in the order asked; with none asked, the kinds the answer speaks of first, then the usual order.
  const order = asked.kinds.length ? asked.kinds : [...new Set([...kindsMentioned(answer?.answer ?? ''), ...POWER_KINDS])];
  const chosen = agreeing
    .filter((p) => p.regulator === asked.regulator && order.includes(p.kind))
    .map((power) => ({ power, rank: order.indexOf(power.kind), shared: sharedDocuments(power, cited) }))
    // Within a kind, the card the answer's sources back, then the general one before a narrower one.
    .sort((a, b) => a.rank - b.rank || b.shared - a.shared || Number(!!a.power.scope) - Number(!!b.power.scope))
    .map(({ power }) => power);
  if (!chosen.length) return undefined;
  return { view: 'cards', regulator: asked.regulator, kinds: asked.kinds, powers: chosen, open: Math.min(OPEN_CARDS, chosen.length) };
}

/** The kinds compared side by side, in the order a reader escalates through them. */
const COMPARED_KINDS: PowerKind[] = ['fine', 'periodic_penalty', 'information_notice', 'removal_notice', 'business_disruption_order', 'blocking_order', 'criminal_liability'];

/** Rows of kinds (the asked ones, else all compared), one cell per regime: the limit or who decides, else "yes"; "—" when no source states it. */
export function comparisonRows(powers: readonly Power[], kinds: readonly PowerKind[] = []): ComparisonRow[] {
  const shown = kinds.length ? COMPARED_KINDS.filter((k) => kinds.includes(k)) : COMPARED_KINDS;
  return shown
    .map((kind) => ({
      kind,
      cells: REGIMES.map((regime): ComparisonCell => {
        const power = powers.find((p) => p.regulator === regime.regulator && p.kind === kind && !p.scope);
        if (!power) return { text: '—' };
        const text = power.limit ? describeLimit(power.limit) : power.decidedBy === 'court' ? 'yes, by court order' : 'yes';
        const quote = (power.limit ? power.citations.limit : power.decidedBy === 'court' ? power.citations.decidedBy : power.citations.kind)?.[0];
        return { text, ...(quote ? { quote } : {}) };
      }),
    }))
    .filter((row) => row.cells.some((c) => c.text !== '—'));
}

/** A limit the answer states for kinds of power, and whom it names (empty: it names no one). */
interface StatedLimit {
  kinds: PowerKind[];
  regulators: string[];
  statutes: string[];
  limit: PowerLimit;
}

/** Each answer sentence that states a ceiling ("up to £18 million or 10% ...") for a kind of power. */
export function limitsStatedIn(answerText: string): StatedLimit[] {
  const text = answerText.replace(/\s*\[\d+\]/g, '');
  const stated: StatedLimit[] = [];
  for (const { start, end } of sentenceSpans(text)) {
    const sentence = text.slice(start, end);
    const limit = toLimit(sentence, limitFigures(sentence, findFigures(sentence)));
    const kinds = [...new Set(findAll(sentence, KINDS).map((m) => m.value))];
    if (!limit || !kinds.length) continue;
    stated.push({
      kinds,
      limit,
      regulators: [...new Set(findAll(sentence, REGULATORS).map((m) => m.value))],
      statutes: [...new Set(findAll(sentence, STATUTES).map((m) => m.value))],
    });
  }
  return stated;
}

/** A card contradicts the answer when the answer states a different ceiling for the same regulator's same kind. */
function contradicts(power: Power, stated: readonly StatedLimit[]): boolean {
  if (!power.limit) return false;
  return stated.some(
    (s) =>
      s.kinds.includes(power.kind) &&
      (!s.regulators.length || s.regulators.includes(power.regulator)) &&
      (!s.statutes.length || !power.statute || s.statutes.includes(power.statute)) &&
      !limitsAgree(power.limit!, s.limit),
  );
}

/** Kinds of power the answer's text names, in the order it names them. */
function kindsMentioned(answerText: string): PowerKind[] {
  return [...new Set(findAll(answerText, KINDS).map((m) => m.value))];
}

function sharedDocuments(power: Power, cited: ReadonlySet<string>): number {
  if (!cited.size) return 0;
  return new Set(Object.values(power.citations).flatMap((quotes) => quotes.filter((q) => cited.has(q.docId)).map((q) => q.docId))).size;
}
