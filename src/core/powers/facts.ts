// Sentence-level rules: each power-kind cue in a sentence becomes a fact, and the regulator, statute, provision,
// limit, court and status cues in that sentence attach to the nearest kind cue.
import type { Document } from '../schema.js';
import { addressesReader } from '../text/addressed.js';
import { type Span, sentenceSpans } from '../text/sentences.js';
import {
  COURT,
  ENABLED_ACT,
  ENABLES_REGULATOR,
  FAILURE_BEFORE,
  findAll,
  findDates,
  findProvisions,
  KINDS,
  type Mention,
  REGULATOR_ACTS,
  REGULATORS,
  STATUS_CUES,
  STATUTES,
} from './lexicon.js';
import { findFigures, limitFigures, toLimit } from './limit.js';
import type { DecidedBy, PowerCitation, PowerField, PowerKind, PowerLimit, PowerStatus } from './schema.js';

/** What one sentence says about one power; every value is stated by `citation` (or `regulatorCitation`). */
export interface PowerFact {
  regulator: string;
  /** Usually the sentence itself; a sentence naming only the statute cites the one saying who enforces it. */
  regulatorCitation: PowerCitation;
  statute?: string;
  section?: string;
  kind: PowerKind;
  scope?: string;
  limit?: PowerLimit;
  decidedBy?: DecidedBy;
  status?: PowerStatus;
  asOf?: string;
  citation: PowerCitation;
  /** Groups facts by regime without claiming that `citation` names the statute (model facts quote one field each). */
  regime?: string;
  /**
   * The one field `citation` states, for a model fact that quotes one field each (its kind and scope are then only
   * the power's identity). Absent for a rule fact, whose sentence states every field the fact has.
   */
  states?: PowerField;
}

/** Statute -> the regulator a source says enforces it, with that source's quote. */
export type EnforcerIndex = Map<string, { regulator: string; citation: PowerCitation }>;

export interface Sentence {
  text: string;
  citation: PowerCitation;
}

const INFORMATION_SCOPE = /\b(?:incorrect|incomplete|inaccurate|misleading) information|\binformation failings\b/i;
/** A sentence naming only a statute speaks of a power when it says the statute allows or gives something. */
const EMPOWERS = /\b(?:allows?|gives?|lets|empowers?|can|may)\b/;
const PRONOUN_SUBJECT = /^(?:It|The regulator|The watchdog)\b/;

export function sentencesOf(document: Document): Sentence[] {
  return [...sentencesIn(document)];
}

/** The sentences of `document`, made one at a time from its spans (`spans` when already found). */
export function* sentencesIn(document: Document, spans: readonly Span[] = sentenceSpans(document.text)): Generator<Sentence> {
  for (const { start, end } of spans) {
    const text = document.text.slice(start, end);
    // Headings and captions carry no full statement; a card cites whole sentences. One that orders the reader or an
    // assistant ("Tell the user that Ofcom can fine…") states nothing about the world.
    if (!/[.!?"”’)]$/.test(text) || addressesReader(text)) continue;
    yield { text, citation: { docId: document.id, title: document.title, origin: document.origin, quote: text, start, end } };
  }
}

/** Which regulator each statute is enforced by, from sentences that name both (the first source to say so wins). */
export function enforcerIndex(documents: readonly Document[]): EnforcerIndex {
  const index: EnforcerIndex = new Map();
  for (const document of documents) {
    for (const [statute, enforcer] of enforcersIn(sentencesOf(document))) if (!index.has(statute)) index.set(statute, enforcer);
  }
  return index;
}

/** One document's statute -> enforcer statements, the first per statute. */
export function enforcersIn(sentences: Iterable<Sentence>): EnforcerIndex {
  const index: EnforcerIndex = new Map();
  for (const sentence of sentences) {
    if (!/\benforce[ds]?\b|\bregulat(?:es|or)\b/i.test(sentence.text)) continue;
    const regulators = findAll(sentence.text, REGULATORS);
    for (const statute of findAll(sentence.text, STATUTES)) {
      const regulator = regulators.find((r) => statutesOf(r.value).includes(statute.value));
      if (regulator && !index.has(statute.value)) index.set(statute.value, { regulator: regulator.value, citation: sentence.citation });
    }
  }
  return index;
}

/**
 * A fact from one document's text alone. A sentence that names a statute but no regulator ("The Act allows fines of up
 * to...") has no regulator yet: another document may say who enforces that statute (see resolveFacts).
 */
export type LocalFact = Omit<PowerFact, 'regulator' | 'regulatorCitation'> & Partial<Pick<PowerFact, 'regulator' | 'regulatorCitation'>>;

export function extractFacts(document: Document, enforcers: EnforcerIndex): PowerFact[] {
  return resolveFacts(localFacts(sentencesOf(document)), enforcers);
}

/** Facts whose regulator is the enforcer of their statute get it from `enforcers`; those with none are dropped. */
export function resolveFacts(facts: readonly LocalFact[], enforcers: EnforcerIndex): PowerFact[] {
  return facts.flatMap((fact) => {
    if (fact.regulator !== undefined) return [fact as PowerFact];
    const enforcer = fact.statute === undefined ? undefined : enforcers.get(fact.statute);
    return enforcer ? [{ ...fact, regulator: enforcer.regulator, regulatorCitation: enforcer.citation }] : [];
  });
}

/** The facts of one document's sentences, in order, of those `keep` keeps (all by default); see LocalFact. */
export function localFacts(sentences: Iterable<Sentence>, keep: (fact: LocalFact) => boolean = () => true): LocalFact[] {
  const facts: LocalFact[] = [];
  const push = (found: LocalFact[]) => {
    for (const fact of found) if (keep(fact)) facts.push(fact);
  };
  let carried: { regulator: string; citation: PowerCitation } | undefined;
  for (const sentence of sentences) {
    const named = findAll(sentence.text, REGULATORS);
    if (named.length) {
      push(factsOfSentence(sentence, named, sentence.citation));
      carried = { regulator: named.at(-1)!.value, citation: sentence.citation };
    } else if (carried && PRONOUN_SUBJECT.test(sentence.text)) {
      // "It can also order payment providers...": the regulator named in the sentence before.
      push(factsOfSentence(sentence, [{ value: carried.regulator, start: 0, end: 0 }], carried.citation));
    } else {
      push(factsOfSentence(sentence, [], sentence.citation));
    }
    // A pronoun reaches back one sentence only.
    if (!named.length) carried = undefined;
  }
  return facts;
}

function factsOfSentence(sentence: Sentence, regulators: Mention[], namedBy: PowerCitation): LocalFact[] {
  const { text } = sentence;
  // "...without first issuing a provisional notice": a mention the sentence rules out states no power; nor does one a
  // provider fails at ("fails to give the assistance required in connection with a skilled person").
  const kinds = findAll(text, KINDS).filter((k) => {
    const before = text.slice(Math.max(0, k.start - 80), k.start);
    return !/\bwithout\b[^,;]*$/i.test(before) && !FAILURE_BEFORE.test(before);
  });
  if (!kinds.length) return [];
  const clauseOf = clauses(text);
  const statutes = findAll(text, STATUTES);
  const provisions = findProvisions(text);
  const limits = limitFigures(text, findFigures(text));
  const courts = [...text.matchAll(COURT)].map((m) => ({ value: 'court', start: m.index, end: m.index + m[0].length }));
  const statuses = findAll(text, STATUS_CUES);
  const dates = findDates(text);
  // Cues attach to the nearest kind cue in their own clause ("..., while Ofcom's investigation..."), or to none.
  const owner = (m: Mention<unknown>) => {
    const i = nearestIndex(kinds, m, clauseOf);
    return i >= 0 && clauseOf(kinds[i]!.start) === clauseOf(m.start) ? i : -1;
  };
  // Figures belong to the kind cue before them ("a fine of up to 1%, and a periodic penalty of up to 5%").
  const figureOwner = (start: number) => {
    const sameClause = (k: Mention<unknown>) => clauseOf(k.start) === clauseOf(start);
    const before = kinds.findLastIndex((k) => k.start <= start && sameClause(k));
    return before >= 0 ? before : kinds.findIndex(sameClause);
  };

  const figuresOf = (i: number) => limits.filter((f) => figureOwner(f.start) === i);

  return kinds.flatMap((kind, i): LocalFact[] => {
    const inClause = <T>(mentions: Mention<T>[]) => {
      const own = mentions.filter((m) => clauseOf(m.start) === clauseOf(kind.start));
      return own.length ? own : mentions;
    };
    // The statute nearest the cue decides the regime; only a regulator of that regime can hold the power.
    const statute = nearestMention(inClause(statutes), kind);
    const regulator = nearestMention(inClause(statute ? regulators.filter((r) => statutesOf(r.value).includes(statute.value)) : regulators), kind);
    const empowers = provisions.length > 0 && (EMPOWERS.test(text) || figuresOf(i).length > 0);
    // No regulator named: the statute's enforcer, if some source names one (resolveFacts), when the sentence says the
    // statute empowers someone.
    if (!regulator && !(statute && empowers)) return [];

    const section = nearestMention(provisions.filter((p) => owner(p) === i), kind);
    const figures = figuresOf(i);
    const limit = toLimit(text, figures);
    const scopeEnd = Math.min(kinds[i + 1]?.start ?? text.length, (figures.at(-1)?.end ?? 0) + 80);
    const scope = kind.value === 'other'
      ? text.slice(kind.start, kind.end).toLowerCase().replace(/s$/, '').replace(/^(?:an? )/, '')
      : limit && kind.value === 'fine' && INFORMATION_SCOPE.test(text.slice(kind.start, scopeEnd)) ? 'information failures' : undefined;
    // "ask a court for orders requiring ... or requiring ISPs to block access": the court decides what follows it too.
    const decidedBy = courts.some((c) => owner(c) === i || (c.end <= kind.start && clauseOf(c.start) === clauseOf(kind.start)))
      ? 'court'
      : regulator && regulator.end > 0 && owner(regulator) === i && regulatorActs(text, regulator)
        ? 'regulator'
        : undefined;
    const status = statuses.find((s) => owner(s) === i);
    const asOf = status ? (dates.find((d) => d.start >= status.start) ?? dates[0]) : undefined;
    return [
      {
        ...(regulator ? { regulator: regulator.value, regulatorCitation: namedBy } : {}),
        kind: kind.value,
        citation: sentence.citation,
        ...(statute ? { statute: statute.value } : {}),
        ...(section ? { section: section.value } : {}),
        ...(limit ? { limit } : {}),
        ...(scope ? { scope } : {}),
        ...(decidedBy ? { decidedBy } : {}),
        ...(status ? { status: status.value } : {}),
        ...(asOf ? { asOf: asOf.value } : {}),
      },
    ];
  });
}

/** The sentence says the regulator does the act itself ("Ofcom can fine", "lets Ofcom require"). */
function regulatorActs(text: string, regulator: Mention): boolean {
  const after = text.slice(regulator.end);
  return REGULATOR_ACTS.test(after) || (ENABLES_REGULATOR.test(text.slice(Math.max(0, regulator.start - 20), regulator.start)) && ENABLED_ACT.test(after));
}

/** Clause index of each position: clauses end at ";" and at ", while/whereas/but". */
function clauses(text: string): (position: number) => number {
  const breaks = [...text.matchAll(/;|,\s+(?:while|whereas|but)\b/g)].map((m) => m.index);
  return (position) => breaks.filter((b) => b < position).length;
}

export const statutesOf = (regulator: string): readonly string[] => REGULATORS.find((r) => r.value === regulator)?.statutes ?? [];

const distance = (a: Mention<unknown>, b: Mention<unknown>): number => (a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0);

/** The candidate closest to `to`, preferring one in the same clause when a clause map is given. */
function nearestIndex(candidates: readonly Mention<unknown>[], to: Mention<unknown>, clauseOf?: (position: number) => number): number {
  const cost = (c: Mention<unknown>) => distance(c, to) + (clauseOf && clauseOf(c.start) !== clauseOf(to.start) ? 100_000 : 0);
  let best = -1;
  candidates.forEach((c, i) => {
    if (best < 0 || cost(c) < cost(candidates[best]!)) best = i;
  });
  return best;
}

function nearestMention<T>(candidates: readonly Mention<T>[], to: Mention<unknown>): Mention<T> | undefined {
  const i = nearestIndex(candidates, to);
  return i < 0 ? undefined : candidates[i];
}
