// Money amounts and percentages in a sentence, and which of them state a ceiling ("up to", "greater of").
import type { Currency, Money, Percentage, PowerLimit } from './schema.js';

export interface Figure {
  start: number;
  end: number;
  money?: Money;
  percentage?: Percentage;
}

const CURRENCY: Record<string, Currency> = { '£': 'GBP', '€': 'EUR', 'A$': 'AUD', $: 'USD', 'US$': 'USD' };
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };

const MONEY = /(A\$|US\$|£|€|\$)\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(million|billion|thousand|bn|mn|m|k)\b)?/g;
// "10%" or "10 per cent", then optionally "of [the provider's] qualifying worldwide revenue".
const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)(?:\s+of\s+((?:(?:the|its|a|an|that|[A-Z][\w]*(?:'s|’s)|provider(?:'s|’s))\s+)*)((?:[a-z-]+\s+){0,4}?(?:revenue|turnover|income)))?/g;

/** A limit cue close before a figure makes it a ceiling; a bare figure is a case ("fined 4chan £20,000"). */
const LIMIT_CUE = /\b(?:up to|maximum|ceiling|cap(?:ped|s)?\b|greater of|higher of|lesser of|at most|no more than|flat)\b/gi;
const LIMIT_CUE_WINDOW = 60;

export function findFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of text.matchAll(MONEY)) {
    const number = Number(m[2]!.replace(/,/g, ''));
    const value = number * (m[3] ? SCALE[m[3].toLowerCase()]! : 1);
    if (value > 0) figures.push({ start: m.index, end: m.index + m[0].length, money: { value: round(value), currency: CURRENCY[m[1]!]! } });
  }
  for (const m of text.matchAll(PERCENT)) {
    const value = Number(m[1]);
    if (value <= 0 || value > 100) continue;
    figures.push({ start: m.index, end: m.index + m[0].length, percentage: { value, ...(m[3] ? { of: m[3].trim() } : {}) } });
  }
  return figures.sort((a, b) => a.start - b.start);
}

/** Figures that a limit cue governs: the cue sits shortly before the figure, or before a figure it is joined to. */
export function limitFigures(text: string, figures: readonly Figure[]): Figure[] {
  const cues = [...text.matchAll(LIMIT_CUE)].map((m) => m.index + m[0].length);
  const chosen: Figure[] = [];
  for (const figure of figures) {
    const cued = cues.some((end) => end <= figure.start && figure.start - end <= LIMIT_CUE_WINDOW);
    // "greater of £18 million and 10%": the second figure is joined to a cued one by "and"/"or".
    const previous = chosen.at(-1);
    const joined = previous !== undefined && /^\s*(?:,|and|or)\s*$/.test(text.slice(previous.end, figure.start));
    if (cued || joined) chosen.push(figure);
  }
  return chosen;
}

/** The limit stated by `figures` in `text`, with the combinator words around them. */
export function toLimit(text: string, figures: readonly Figure[]): PowerLimit | undefined {
  if (!figures.length) return undefined;
  const first = figures[0]!;
  const last = figures.at(-1)!;
  const cueStart = lastCueBefore(text, first.start);
  const around = text.slice(Math.max(0, first.start - 40), Math.min(text.length, last.end + 40));
  const combinator = /\b(?:greater|higher) of\b|whichever is (?:greater|higher)/i.test(around)
    ? 'greater_of'
    : /\b(?:lesser|lower) of\b|whichever is (?:lesser|lower)/i.test(around)
      ? 'lesser_of'
      : /\bper day\b|\ba day\b|\bfor each day\b|\bdaily\b/i.test(text.slice(first.start, Math.min(text.length, last.end + 40)))
        ? 'per_day'
        : undefined;
  return {
    text: text.slice(cueStart ?? first.start, last.end),
    amounts: figures.flatMap((f) => (f.money ? [f.money] : [])),
    percentages: figures.flatMap((f) => (f.percentage ? [f.percentage] : [])),
    ...(combinator ? { combinator } : {}),
  };
}

function lastCueBefore(text: string, position: number): number | undefined {
  let found: number | undefined;
  for (const m of text.matchAll(LIMIT_CUE)) if (m.index < position && position - (m.index + m[0].length) <= LIMIT_CUE_WINDOW) found = m.index;
  return found;
}

/** Short display form: "£18m or 10% (greater of)". */
export function describeLimit(limit: PowerLimit): string {
  const parts = [
    ...limit.amounts.map((a) => `${symbol(a.currency)}${compact(a.value)}`),
    ...limit.percentages.map((p) => `${p.value}%${p.of ? ` of ${p.of}` : ''}`),
  ];
  const joined = parts.join(limit.combinator === 'lesser_of' ? ' and ' : ' or ');
  return limit.combinator ? `${joined} (${limit.combinator.replace('_', ' ')})` : joined;
}

/** Two limits agree when the figures of one are all among the other's (a source may state only part of a cap). */
export function limitsAgree(a: PowerLimit, b: PowerLimit): boolean {
  const sameCombinator = !a.combinator || !b.combinator || a.combinator === b.combinator;
  return sameCombinator && (subsetOf(a, b) || subsetOf(b, a));
}

const subsetOf = (small: PowerLimit, big: PowerLimit): boolean =>
  small.amounts.every((x) => big.amounts.some((y) => y.currency === x.currency && y.value === x.value)) &&
  small.percentages.every((x) => big.percentages.some((y) => y.value === x.value));

export const limitSize = (limit: PowerLimit): number => limit.amounts.length + limit.percentages.length + (limit.combinator ? 1 : 0);

const symbol = (currency: Currency): string => ({ GBP: '£', EUR: '€', AUD: 'A$', USD: 'US$' })[currency];
const round = (value: number): number => Math.round(value * 100) / 100;
function compact(value: number): string {
  if (value >= 1e9) return `${+(value / 1e9).toFixed(2)}bn`;
  if (value >= 1e6) return `${+(value / 1e6).toFixed(2)}m`;
  return value.toLocaleString('en-GB');
}
