// Claude extracts powers through a tool schema; every field carries a quote that must occur verbatim in the
// document, or the field is dropped (a power without a verified regulator and kind is dropped whole).
import type Anthropic from '@anthropic-ai/sdk';
import * as z from 'zod';
import { type Document, IsoDate } from '../schema.js';
import type { PowerFact } from './facts.js';
import { DEFAULT_MODEL } from '../answer/claude/request.js';
import { findAll, REGULATORS, STATUTES } from './lexicon.js';
import { findFigures } from './limit.js';
import { mergeFacts } from './merge.js';
import { DecidedBy, LimitCombinator, Money, Percentage, type Power, type PowerCitation, PowerKind, type PowerLimit, PowerStatus } from './schema.js';

const quoted = <T extends z.ZodType>(value: T) =>
  z.object({ value, quote: z.string().min(1).describe('Exact text copied from the document that states this value') });

export const ExtractedPower = z.object({
  regulator: quoted(z.string().min(1)),
  kind: quoted(PowerKind),
  statute: quoted(z.string().min(1)).optional(),
  section: quoted(z.string().min(1).describe('e.g. "section 144", "Article 74", "Schedule 13, paragraph 4"')).optional(),
  scope: quoted(z.string().min(1)).optional(),
  limit: quoted(
    z.object({ text: z.string().min(1), amounts: z.array(Money), percentages: z.array(Percentage), combinator: LimitCombinator.optional() }),
  ).optional(),
  decidedBy: quoted(DecidedBy).optional(),
  status: quoted(PowerStatus).optional(),
  asOf: quoted(IsoDate).optional(),
});
export type ExtractedPower = z.infer<typeof ExtractedPower>;

export const RecordPowersInput = z.object({ powers: z.array(ExtractedPower) });

export const RECORD_POWERS_TOOL = {
  name: 'record_powers',
  description:
    'Record every power a regulator has that the document states. Fill a field only when the document states it, and quote the exact words that state it.',
  input_schema: z.toJSONSchema(RecordPowersInput, { target: 'draft-7' }) as Anthropic.Tool['input_schema'],
};

// The answerer's model: claude-sonnet-4-5 reached its end of life on 30 November 2026 (the SDK warns on every call).
export const DEFAULT_POWERS_MODEL = DEFAULT_MODEL;

export interface ClaudePowersOptions {
  client: Pick<Anthropic, 'messages'>;
  model?: string;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface ClaudePowersReport {
  powers: Power[];
  /** Fields whose quote was not found verbatim in the document (and powers dropped for that reason). */
  droppedFields: number;
}

export async function extractPowersWithClaude(documents: readonly Document[], options: ClaudePowersOptions): Promise<ClaudePowersReport> {
  const facts: PowerFact[] = [];
  let droppedFields = 0;
  for (const document of documents) {
    const verified = await claudeFactsOf(document, options);
    droppedFields += verified.dropped;
    facts.push(...verified.facts);
  }
  return { powers: mergeFacts(facts), droppedFields };
}

/** One document's facts as Claude states them, each field's quote verified against the text (see verifyExtracted). */
export async function claudeFactsOf(document: Document, options: ClaudePowersOptions): Promise<{ facts: PowerFact[]; dropped: number }> {
  const facts: PowerFact[] = [];
  let dropped = 0;
  for (const power of await requestPowers(document, options)) {
    const verified = verifyExtracted(document, power);
    dropped += verified.dropped;
    facts.push(...verified.facts);
  }
  return { facts, dropped };
}

async function requestPowers(document: Document, options: ClaudePowersOptions): Promise<ExtractedPower[]> {
  const message = await options.client.messages.create(
    {
      model: options.model ?? DEFAULT_POWERS_MODEL,
      max_tokens: options.maxTokens ?? 4096,
      tools: [RECORD_POWERS_TOOL],
      tool_choice: { type: 'tool', name: RECORD_POWERS_TOOL.name },
      messages: [{ role: 'user', content: `<document title=${JSON.stringify(document.title)}>\n${document.text}\n</document>` }],
    },
    { signal: options.signal },
  );
  const call = message.content.find((block) => block.type === 'tool_use' && block.name === RECORD_POWERS_TOOL.name);
  if (!call || call.type !== 'tool_use') return [];
  // Model output is a boundary: a power that does not fit the schema is skipped, not trusted.
  const parsed = z.object({ powers: z.array(z.unknown()) }).safeParse(call.input);
  if (!parsed.success) return [];
  return parsed.data.powers.flatMap((p) => {
    const one = ExtractedPower.safeParse(p);
    return one.success ? [one.data] : [];
  });
}

/** Facts for one extracted power, one per verified field; `dropped` counts fields whose quote is not in the text. */
export function verifyExtracted(document: Document, power: ExtractedPower): { facts: PowerFact[]; dropped: number } {
  const cite = (quote: string): PowerCitation | undefined => {
    const start = document.text.indexOf(quote);
    return start < 0 ? undefined : { docId: document.id, title: document.title, origin: document.origin, quote, start, end: start + quote.length };
  };
  const fields = ['statute', 'section', 'scope', 'limit', 'decidedBy', 'status', 'asOf'] as const;
  const regulatorCitation = cite(power.regulator.quote);
  const kindCitation = cite(power.kind.quote);
  if (!regulatorCitation || !kindCitation) return { facts: [], dropped: 2 + fields.filter((f) => power[f]).length };

  const regulator = canonical(power.regulator.value, REGULATORS);
  const statute = power.statute ? canonical(power.statute.value, STATUTES) : undefined;
  const base = { regulator, regulatorCitation, kind: power.kind.value, ...(power.scope ? { scope: power.scope.value } : {}), regime: statute };
  const facts: PowerFact[] = [{ ...base, citation: kindCitation, states: 'kind' }];
  let dropped = 0;
  for (const field of fields) {
    const stated = power[field];
    if (!stated) continue;
    const citation = cite(stated.quote);
    // A limit must also be the quote's own figures: a number the quote does not contain is not stated by it.
    if (!citation || (field === 'limit' && !figuresIn(stated.quote, power.limit!.value))) {
      dropped++;
      continue;
    }
    const value = field === 'statute' ? statute : stated.value;
    facts.push({ ...base, [field]: value, citation, states: field } as PowerFact);
  }
  return { facts, dropped };
}

function figuresIn(quote: string, limit: Pick<PowerLimit, 'amounts' | 'percentages'>): boolean {
  const figures = findFigures(quote);
  return (
    limit.amounts.every((a) => figures.some((f) => f.money?.currency === a.currency && f.money.value === a.value)) &&
    limit.percentages.every((p) => figures.some((f) => f.percentage?.value === p.value))
  );
}

/** The canonical name when the lexicon knows it ("the Commission" -> "European Commission"), else the model's words. */
function canonical(value: string, entries: readonly { value: string; pattern: RegExp }[]): string {
  return findAll(value, entries)[0]?.value ?? value;
}
