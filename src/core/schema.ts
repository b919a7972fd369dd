// The single source of truth for every shape that crosses a boundary (CLI, HTTP, disk, model output).
// Data flows one way: Document -> Chunk -> Hit -> Answer.
// A namespace import lets bundlers (the browser widget) drop the parts of zod a schema never uses.
import * as z from 'zod';

/** An underlying source a document relies on (from Markdown front matter). */
export const SourceRef = z.object({
  publisher: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
  date: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** A document id as clients send it (`doc_` + 16 hex digits today; older ids and test fixtures vary, hence the wider set). */
export const DocumentId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a document id such as doc_0123456789abcdef');

/** Everything about a document except its text: what lists and citations carry. */
export const DocumentMeta = z.object({
  /** Stable, content-derived: `doc_` + the first 16 hex digits of sha256(text). */
  id: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  date: IsoDate.optional(),
  /** Where it came from: a file path as given at ingest, or a URL. */
  origin: z.string(),
  /** sha256 hex of `text`. */
  hash: z.string(),
  url: z.string().optional(),
  sources: z.array(SourceRef).default([]),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A cleaned document. Every offset in the system indexes into `text`. */
export const Document = DocumentMeta.extend({ text: z.string() });
export type Document = z.infer<typeof Document>;

/** A passage of a document: `document.text.slice(start, end) === text`, always. */
export const Chunk = z.object({
  id: z.string(),
  docId: z.string(),
  index: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Chunk = z.infer<typeof Chunk>;

/** A document that carries a near-duplicate of a passage (syndicated copies). */
export const Carrier = z.object({
  docId: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  date: IsoDate.optional(),
  origin: z.string(),
  chunkId: z.string(),
});
export type Carrier = z.infer<typeof Carrier>;

/** A retrieved passage after fusion and duplicate collapsing. */
export const Hit = z.object({
  chunk: Chunk,
  document: DocumentMeta,
  /** Fused score (reciprocal rank fusion), higher is better. */
  score: z.number(),
  /** 1-based ranks in each list, absent when the list did not return the chunk. */
  vectorRank: z.number().int().positive().optional(),
  textRank: z.number().int().positive().optional(),
  /** Other documents carrying a near-duplicate of this passage, collapsed into this hit. */
  alsoIn: z.array(Carrier).default([]),
});
export type Hit = z.infer<typeof Hit>;

export const CitationCarrier = Carrier.pick({ docId: true, title: true, publisher: true, origin: true });

export const Citation = z.object({
  /** The number used in the answer's [n] markers, 1-based and dense. */
  n: z.number().int().positive(),
  docId: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  date: IsoDate.optional(),
  origin: z.string(),
  url: z.string().optional(),
  /** Exactly `document(docId).text.slice(start, end)`. */
  quote: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Other outlets carrying the same passage; the answer cites it once. */
  alsoIn: z.array(CitationCarrier).default([]),
  /** The document's own underlying sources (explainers list what they rely on). */
  sources: z.array(SourceRef).default([]),
  /** The one of `sources` the cited passage rests on (the provision it cites, the publisher it quotes), when clear. */
  primarySource: SourceRef.optional(),
});
export type Citation = z.infer<typeof Citation>;

export const AnswerMode = z.enum(['extractive', 'claude']);
export type AnswerMode = z.infer<typeof AnswerMode>;

export const Verification = z.object({
  /** Sentences in the answer that state something (headings and abstention text excluded). */
  sentences: z.number().int().nonnegative(),
  /** Of those, how many carry at least one valid citation. */
  supported: z.number().int().nonnegative(),
  /** Citations returned by the answerer that could not be mapped to an exact source span. */
  droppedCitations: z.number().int().nonnegative(),
});
export type Verification = z.infer<typeof Verification>;

export const Timings = z.object({
  retrieveMs: z.number().nonnegative(),
  answerMs: z.number().nonnegative(),
  totalMs: z.number().nonnegative(),
});

export const Answer = z.object({
  id: z.string(),
  question: z.string(),
  /** The standalone query used for retrieval (differs from `question` for follow-ups). */
  query: z.string().optional(),
  /** Plain text with [n] markers; every marker has a citation and every citation is used. */
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(Citation),
  /** On abstention: the closest documents, so a reader can look for themselves. */
  related: z.array(DocumentMeta.omit({ hash: true, sources: true })).default([]),
  mode: AnswerMode,
  model: z.string().optional(),
  verification: Verification.optional(),
  /** Things a reader should know, e.g. "Claude was unreachable; answered extractively". */
  warnings: z.array(z.string()).default([]),
  /** Served from the answer cache: the same question and options were answered from the same index before. */
  cached: z.boolean().optional(),
  timings: Timings,
});
export type Answer = z.infer<typeof Answer>;

export const Turn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().min(1).max(8000),
});
export type Turn = z.infer<typeof Turn>;

export const MAX_QUESTION_CHARS = 1000;

export const AskRequest = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(MAX_QUESTION_CHARS),
  history: z.array(Turn).max(20).default([]),
  k: z.number().int().min(1).max(50).default(8),
  mode: AnswerMode.optional(),
});
export type AskRequest = z.infer<typeof AskRequest>;

/** Streamed answer events: the CLI prints them, HTTP sends them as SSE with `type` as the event name. */
export const AnswerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sources'), hits: z.array(Hit) }),
  z.object({ type: z.literal('text'), delta: z.string() }),
  z.object({ type: z.literal('citation'), citation: Citation }),
  z.object({ type: z.literal('done'), answer: Answer }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type AnswerEvent = z.infer<typeof AnswerEvent>;

/** What an index records about itself; querying with another embedder is an error. */
export const IndexInfo = z.object({
  embedder: z.string(),
  dimensions: z.number().int().positive(),
  documents: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  builtAt: z.string(),
  schemaVersion: z.number().int().positive(),
});
export type IndexInfo = z.infer<typeof IndexInfo>;

export const Feedback = z.object({
  answerId: z.string().min(1).max(200),
  rating: z.enum(['up', 'down']),
  comment: z.string().max(2000).optional(),
});
export type Feedback = z.infer<typeof Feedback>;
