// A document's power facts, found from its own text and stored with it, so the powers table is merged at each commit
// from stored facts, with no text read back. One step spans documents and waits for the merge: a sentence that names a
// statute but no regulator gets the regulator another source says enforces that statute.
import * as z from 'zod';
import { IsoDate, type Document, type DocumentMeta } from '../schema.js';
import { addressesReader } from '../text/addressed.js';
import { sentenceSpans } from '../text/sentences.js';
import { enforcersIn, type EnforcerIndex, type LocalFact, localFacts, type PowerFact, resolveFacts, sentencesIn } from './facts.js';
import { mergeFacts } from './merge.js';
import { DecidedBy, type Power, type PowerCitation, PowerField, PowerKind, PowerLimit, PowerStatus, type PowersTable } from './schema.js';

/** A quote in its own document: the document's id, title and origin are added when the table is merged. */
const Span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), quote: z.string().min(1) });
type Span = z.infer<typeof Span>;

/** A fact as stored: `regulator` absent means "the enforcer of `statute`"; `regulatorAt` absent means `at`. */
const StoredFact = z.object({
  regulator: z.string().optional(),
  regulatorAt: Span.optional(),
  statute: z.string().optional(),
  section: z.string().optional(),
  kind: PowerKind,
  scope: z.string().optional(),
  limit: PowerLimit.optional(),
  decidedBy: DecidedBy.optional(),
  status: PowerStatus.optional(),
  asOf: IsoDate.optional(),
  at: Span,
  regime: z.string().optional(),
  states: PowerField.optional(),
});
type StoredFact = z.infer<typeof StoredFact>;

export const DocumentPowers = z.object({
  version: z.literal(1),
  /** The rule extractor's facts, always present, and this document's statements of who enforces which statute. */
  rules: z.object({ facts: z.array(StoredFact), enforcers: z.array(z.object({ statute: z.string(), regulator: z.string(), at: Span })) }),
  /** Claude's facts (every quote verified), when the ingest had a key and the call succeeded. */
  claude: z.array(StoredFact).optional(),
});
export type DocumentPowers = z.infer<typeof DocumentPowers>;

/**
 * Facts kept per power (regulator, statute, kind, scope) per document. A card cites every sentence that states a
 * field; a document stating one power thousands of times (a 10 MB report of one repeated sentence) would otherwise
 * store and cite every one. No document in the corpus or the news comes near it.
 */
export const MAX_FACTS_PER_POWER = 50;

/** The rules' facts of `document`. */
export function rulesPowers(document: Document): DocumentPowers {
  // Sentences are made one at a time, and facts past the cap never kept: a 10 MB document has ~650,000 sentences.
  const spans = sentenceSpans(document.text);
  const enforcers = [...enforcersIn(sentencesIn(document, spans))].map(([statute, { regulator, citation }]) => ({ statute, regulator, at: spanOf(citation) }));
  return { version: 1, rules: { facts: localFacts(sentencesIn(document, spans), underCap()).map(toStored), enforcers } };
}

/** The rules' facts with Claude's (already verified against the document's text), but none quoting an order to the reader. */
export function withClaudeFacts(powers: DocumentPowers, facts: readonly PowerFact[]): DocumentPowers {
  const statements = facts.filter((fact) => !addressesReader(fact.citation.quote) && !addressesReader(fact.regulatorCitation.quote));
  return { ...powers, claude: statements.filter(underCap()).map(toStored) };
}

/** A stored document's facts, as the merge reads them. */
export interface StoredPowers {
  document: Pick<DocumentMeta, 'id' | 'title' | 'origin'>;
  powers: DocumentPowers;
}

/**
 * The powers table of an index, from each document's stored facts. Documents are taken in origin order (as
 * `remit sources` lists them), which decides which source's statement of a statute's enforcer counts. The table is
 * Claude's when every document has Claude's facts, else the rules'.
 */
export function powersTableOf(documents: readonly StoredPowers[], builtAt: string): PowersTable {
  const ordered = [...documents].sort((a, b) => a.document.origin.localeCompare(b.document.origin));
  const claude = ordered.length > 0 && ordered.every((d) => d.powers.claude !== undefined);
  return { version: 1, builtAt, extractor: claude ? 'claude' : 'rules', documents: ordered.length, powers: claude ? claudePowers(ordered) : rulesPowersOf(ordered) };
}

/** The rules' table (extractPowers is this over documents' rulesPowers). */
export function rulesPowersOf(ordered: readonly StoredPowers[]): Power[] {
  const enforcers: EnforcerIndex = new Map();
  for (const { document, powers } of ordered) {
    for (const { statute, regulator, at } of powers.rules.enforcers) if (!enforcers.has(statute)) enforcers.set(statute, { regulator, citation: citationOf(document, at) });
  }
  return mergeFacts(ordered.flatMap(({ document, powers }) => resolveFacts(powers.rules.facts.map((fact) => fromStored(document, fact)), enforcers)));
}

function claudePowers(ordered: readonly StoredPowers[]): Power[] {
  return mergeFacts(ordered.flatMap(({ document, powers }) => (powers.claude ?? []).map((fact) => fromStored(document, fact) as PowerFact)));
}

/** A filter keeping the first MAX_FACTS_PER_POWER facts of each power, in order. */
function underCap(): (fact: LocalFact) => boolean {
  const counts = new Map<string, number>();
  return (fact) => {
    const key = [fact.regulator ?? `?${fact.statute}`, fact.statute ?? fact.regime ?? '', fact.kind, fact.scope ?? ''].join('|');
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= MAX_FACTS_PER_POWER;
  };
}

const spanOf = ({ start, end, quote }: PowerCitation): Span => ({ start, end, quote });

function citationOf(document: StoredPowers['document'], { start, end, quote }: Span): PowerCitation {
  return { docId: document.id, title: document.title, origin: document.origin, quote, start, end };
}

function toStored({ regulator, regulatorCitation, citation, ...fields }: LocalFact): StoredFact {
  const at = spanOf(citation);
  const regulatorAt = regulatorCitation && (regulatorCitation.start !== at.start || regulatorCitation.end !== at.end) ? spanOf(regulatorCitation) : undefined;
  return { ...(regulator !== undefined ? { regulator } : {}), ...(regulatorAt ? { regulatorAt } : {}), ...fields, at };
}

function fromStored(document: StoredPowers['document'], { regulator, regulatorAt, at, ...fields }: StoredFact): LocalFact {
  const citation = citationOf(document, at);
  return { ...fields, citation, ...(regulator !== undefined ? { regulator, regulatorCitation: regulatorAt ? citationOf(document, regulatorAt) : citation } : {}) };
}
