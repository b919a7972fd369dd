// The tools' inputs and outputs, built from the core's schemas (the single source of truth): descriptions are added
// here because an assistant reads them to decide what to send.
import * as z from 'zod';
import { PowersQuery, PowersTable } from '../core/powers/schema.js';
import { Answer, AskRequest, Chunk, CitationCarrier, DocumentId, DocumentMeta, Hit, MAX_QUESTION_CHARS } from '../core/schema.js';

export const SearchInput = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(MAX_QUESTION_CHARS).describe('What to look for, in plain words, e.g. "Ofcom fine turnover"'),
  k: AskRequest.shape.k.describe('How many passages to return (1-50)'),
});

/** A retrieved passage, flat: where it is (document and character offsets) and what it says. */
export const Passage = DocumentMeta.pick({ title: true, publisher: true, date: true, origin: true, url: true }).extend({
  docId: Chunk.shape.docId,
  chunkId: Chunk.shape.id,
  /** `get_source(docId).text.slice(start, end) === text`. */
  start: Chunk.shape.start,
  end: Chunk.shape.end,
  text: Chunk.shape.text,
  score: Hit.shape.score,
  /** Other documents carrying a near-duplicate of this passage (syndicated copies). */
  alsoIn: z.array(CitationCarrier),
});
export type Passage = z.infer<typeof Passage>;

export const SearchResult = z.object({ query: z.string(), passages: z.array(Passage) });
export type SearchResult = z.infer<typeof SearchResult>;

export const AskInput = z.object({
  question: AskRequest.shape.question.describe('The question, e.g. "What can Ofcom fine under the Online Safety Act?"'),
  history: AskRequest.shape.history.describe('Earlier turns of this conversation, oldest first, so a follow-up ("and in the EU?") is understood'),
});

export const GetSourceInput = z
  .object({
    docId: DocumentId.describe('A document id from search_sources, ask or the remit://source/{docId} resources'),
    start: z.number().int().nonnegative().optional().describe('First character of the span (default 0)'),
    end: z.number().int().nonnegative().optional().describe("Character after the span (default the document's length)"),
  });

/** A document, or a span of it, with its metadata; `text` is the document's clean text from `start` to `end`. */
export const SourceSpan = DocumentMeta.omit({ id: true }).extend({
  docId: DocumentMeta.shape.id,
  /** The whole document's length in characters: offsets run from 0 to this. */
  length: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type SourceSpan = z.infer<typeof SourceSpan>;

export const ListPowersInput = PowersQuery.extend({
  regulator: PowersQuery.shape.regulator.describe('Only this regulator; any part of its name, e.g. "Ofcom"'),
  kind: PowersQuery.shape.kind.describe('Only this kind of power'),
});

/** The powers table as `GET /api/powers` returns it. */
export const PowersList = PowersTable.omit({ version: true });
export type PowersList = z.infer<typeof PowersList>;

export { Answer };
