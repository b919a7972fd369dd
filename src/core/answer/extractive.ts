// The offline answerer: reads the question's grammar, reads each retrieved sentence in its document's context, ranks
// them with a model fitted on the dev split, and cites the answer by exact spans; or says the sources don't say.
import type { TextAnalyzer } from '../language/analysis.js';
import type { Lexicon } from '../language/lexicon.js';
import { loadWinkAnalyzer } from '../language/wink-analyzer.js';
import type { PowersCatalog } from '../powers/catalog.js';
import type { PowerCitation } from '../powers/schema.js';
import type { Document, DocumentMeta, Hit } from '../schema.js';
import { type AnswerDraft, type AnswerInput, type Answerer, type DraftEvent, documentTexts } from './answerer.js';
import { verifyCitations } from './citations.js';
import { collectCandidates } from './extractive/candidates.js';
import type { ReadingCache } from './extractive/reading-cache.js';
import { composeStatements } from './extractive/compose.js';
import { type AbstainReason, type ExtractivePlan, planStatements } from './extractive/plan.js';
import { cardQuotes } from './extractive/powers-evidence.js';
import { analyseQuestion, followUpFrame } from './extractive/question.js';
import { DEFAULT_RANKER, type RankerWeights } from './extractive/ranker.js';

export type { AbstainReason, ExtractivePlan };

/** The best-ranked documents read whole for candidate sentences, not only their retrieved passages. */
export const WHOLE_DOCUMENTS = 3;
/**
 * Card quotes no retrieved passage holds, read as passages of their own, at most: a card gathers every sentence that
 * states its field, so on a large index one card quotes hundreds of documents (issue 24: ~700 at 10k synthetic
 * chunks), and each costs a document read. The eval corpus's largest card quotes 26.
 */
export const MAX_QUOTED_HITS = 32;
/** Documents listed on abstention: enough to look further, few enough to read. */
export const MAX_RELATED = 5;

export const ABSTENTION = "The sources don't say. The closest sources are listed below.";
export const ABSTENTION_NO_SOURCES = "The sources don't say, and no source came close.";
/** When the sources speak of what was asked about but not of what the question takes for granted. */
export const ABSTENTION_PREMISE = "The sources don't report that. The closest sources are listed below.";

export type Related = NonNullable<AnswerDraft['related']>[number];

export interface ExtractiveOptions {
  /** Synonyms, related words and word classes (WordNet on Node); without one, words match by their stems alone. */
  lexicon?: Lexicon;
  /** The English analyser; wink-nlp by default, loaded on the first answer. */
  analyzer?: () => Promise<TextAnalyzer>;
  ranker?: RankerWeights;
  /** The powers table, whose cards mark the sentences that state what a powers question asks. */
  powers?: PowersCatalog;
  /** Where readings of chunks and documents are kept across questions; the process's shared cache by default. */
  readings?: ReadingCache;
}

export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;

  constructor(private readonly options: ExtractiveOptions = {}) {}

  /** Loads the analyser now, so the first question does not wait for it (servers call this at start). */
  async warm(): Promise<void> {
    await (this.options.analyzer ?? loadWinkAnalyzer)();
  }

  /** Decides what to say without writing it: exposed so tests, evals and the ranker's fitting can see why. */
  async plan(input: Pick<AnswerInput, 'question' | 'query' | 'hits' | 'getDocument'> & { history?: AnswerInput['history'] }): Promise<ExtractivePlan> {
    const analyzer = await (this.options.analyzer ?? loadWinkAnalyzer)();
    const tools = { analyse: (text: string) => analyzer.analyse(text), lexicon: this.options.lexicon };
    const searched = analyseQuestion(input.query || input.question, tools);
    // A follow-up is searched with words of the last question; what the user asked now is read apart.
    const previous = input.history?.findLast((turn) => turn.role === 'user');
    const question =
      input.query && input.query !== input.question
        ? followUpFrame(searched, analyseQuestion(input.question, tools), previous && analyseQuestion(previous.content, tools))
        : searched;
    const powers = this.options.powers ? (await this.options.powers.table()).powers : [];
    // A powers question is answered from the sentences its card quotes, retrieved or not.
    const quoted = await quotedHits(cardQuotes(question, powers), input);
    const hits = [...input.hits, ...quoted];
    const documents = await documentTexts(hits, input.getDocument);
    const candidates = collectCandidates(hits, { analyzer, documents, wholeDocuments: WHOLE_DOCUMENTS, cache: this.options.readings });
    const said = alreadySaid(input.history ?? []);
    return planStatements(question, candidates, { lexicon: this.options.lexicon, ranker: this.options.ranker ?? DEFAULT_RANKER, documents, powers, said });
  }

  async answer(input: AnswerInput, emit: (event: DraftEvent) => void = () => {}): Promise<AnswerDraft> {
    input.signal?.throwIfAborted();
    const plan = await this.plan(input);
    if (plan.statements.length === 0) return abstain(input.hits, emit, plan.abstainReason);
    const sentences = composeStatements(plan.statements);
    sentences.forEach(({ text, citations }, i) => {
      for (const citation of citations) emit({ type: 'citation', citation });
      emit({ type: 'text', delta: i === 0 ? text : ` ${text}` });
    });
    const answer = sentences.map((s) => s.text).join(' ');
    const citations = sentences.flatMap((s) => s.citations);
    const { verification } = await verifyCitations(answer, citations, input.getDocument);
    return { answer, abstained: false, citations, mode: this.mode, verification };
  }
}

/**
 * Whether a sentence is the one that answered the conversation's last question (the last answer's first sentence): a
 * follow-up ("Does it need a court for that?") is answered with something else where the sources have it, not the
 * sentence that answered the last question. What the last answer said after it may well answer the follow-up ("And
 * for an individual?").
 */
function alreadySaid(history: AnswerInput['history']): ((sentence: string) => boolean) | undefined {
  const last = history.findLast((turn) => turn.role === 'assistant');
  if (!last) return undefined;
  // Compared by their words: an answer renders a sentence with its own capital, ending and markers.
  const normalise = (text: string) => ` ${text.replace(/\[\d+\]/g, ' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  // The first sentence ends at its first citation marker ("… revenue [1]." or "…: items [2].").
  const lead = normalise(last.content.slice(0, (last.content.search(/\[\d+\]/) + 1 || last.content.length + 1) - 1));
  return (sentence) => {
    const words = normalise(sentence);
    return words.trim().length > 0 && lead.includes(words);
  };
}

function abstain(hits: readonly Hit[], emit: (event: DraftEvent) => void, reason?: AbstainReason): AnswerDraft {
  const related = relatedDocuments(hits);
  const answer = !related.length ? ABSTENTION_NO_SOURCES : reason === 'missing_name' || reason === 'unbound' ? ABSTENTION_PREMISE : ABSTENTION;
  emit({ type: 'text', delta: answer });
  return {
    answer,
    abstained: true,
    citations: [],
    related,
    mode: 'extractive',
    verification: { sentences: 0, supported: 0, droppedCitations: 0 },
  };
}

/**
 * A hit for each card quote no retrieved passage holds (the first MAX_QUOTED_HITS), ranked after the retrieved ones:
 * the quote as its passage, the document's metadata from the store (a quote whose document is gone is left out).
 */
async function quotedHits(quotes: readonly PowerCitation[], input: Pick<AnswerInput, 'hits' | 'getDocument'>): Promise<Hit[]> {
  const held = (q: PowerCitation) => input.hits.some((h) => h.document.id === q.docId && h.chunk.start <= q.start && h.chunk.end >= q.end);
  const hits: Hit[] = [];
  // The card's quotes in its order (its documents' origin order), the first that retrieval missed.
  for (const quote of quotes.filter((q) => !held(q)).slice(0, MAX_QUOTED_HITS)) {
    const known = input.hits.find((h) => h.document.id === quote.docId)?.document;
    const document = known ?? (await input.getDocument(quote.docId));
    if (!document || !('origin' in document)) continue;
    const { text: _text, ...meta } = document as Document;
    hits.push({ chunk: { id: `${quote.docId}:quote:${quote.start}`, docId: quote.docId, index: 0, start: quote.start, end: quote.end, text: quote.quote }, document: meta, score: 0, alsoIn: [] });
  }
  return hits;
}

/** The hits' documents, once each, best-ranked first. */
export function relatedDocuments(hits: readonly Hit[]): Related[] {
  const related = new Map<string, Related>();
  for (const { document } of hits) if (!related.has(document.id)) related.set(document.id, withoutText(document));
  return [...related.values()].slice(0, MAX_RELATED);
}

const withoutText = ({ hash: _hash, sources: _sources, ...meta }: DocumentMeta): Related => meta;
