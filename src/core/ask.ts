// The ask pipeline shared by the CLI, HTTP and evals: rewrite -> retrieve -> answer, as one Answer or a stream of events.
import type { Answerer, DraftEvent, QueryRewriter } from './answer/answerer.js';
import { type AnswerCacheDeps, answerCacheKey, isCacheable } from './answer-cache.js';
import { withPrimarySource } from './answer/primary-source.js';
import type { QuerySpeller } from './answer/query-speller.js';
import { createError, isRemitError } from './errors.js';
import type { RetrieveOptions } from './retrieve.js';
import { Answer, type AnswerEvent, type AnswerMode, AskRequest, type Document, type Hit } from './schema.js';

export interface AskDeps {
  retriever: { retrieve(query: string, options: RetrieveOptions): Promise<Hit[]> };
  /** The extractive answerer is always present: it is the offline default and the fallback. */
  answerers: { extractive: Answerer; claude?: Answerer };
  defaultMode: AnswerMode;
  rewriter: QueryRewriter;
  /** Corrects misspelt query words from what a first retrieval found; the corrected query is searched again. */
  speller?: QuerySpeller;
  getDocument(docId: string): Promise<Document | null>;
  now?: () => number;
  newId?: () => string;
  /** Repeated questions are answered from here; `indexVersion` (the build time) keeps answers to an old index out. */
  cache?: AnswerCacheDeps;
}

export interface Ask {
  ask(request: AskRequest | unknown, signal?: AbortSignal): Promise<Answer>;
  stream(request: AskRequest | unknown, signal?: AbortSignal): AsyncIterable<AnswerEvent>;
}

export function createAsk(deps: AskDeps): Ask {
  const now = deps.now ?? (() => performance.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());

  async function run(raw: unknown, emit: (event: AnswerEvent) => void, signal?: AbortSignal): Promise<Answer> {
    const parsed = AskRequest.safeParse(raw);
    if (!parsed.success) {
      throw createError({ code: 'bad_input', message: 'Invalid ask request', details: parsed.error.issues });
    }
    const request = parsed.data;
    const mode = request.mode ?? deps.defaultMode;
    const answerer = deps.answerers[mode];
    if (!answerer) {
      throw createError({
        code: 'bad_input',
        message: `Answer mode "${mode}" is not available`,
        hint: 'Set ANTHROPIC_API_KEY to use Claude, or ask in extractive mode.',
      });
    }
    const started = now();
    const version = deps.cache && (await deps.cache.indexVersion());
    const key = version ? answerCacheKey(request, mode, version) : undefined;
    const cached = key ? deps.cache!.answers.get(key) : undefined;
    if (cached) {
      cached.events.forEach(emit);
      const totalMs = now() - started;
      return { ...cached.answer, id: newId(), question: request.question, cached: true, timings: { retrieveMs: 0, answerMs: 0, totalMs } };
    }
    // Events are kept as they go out, so a repeat of this question can replay the same stream.
    const events: AnswerEvent[] = [];
    const send = key ? (event: AnswerEvent) => (events.push(event), emit(event)) : emit;
    const standalone = request.history.length ? await deps.rewriter.rewrite(request.question, request.history, signal) : request.question;
    const first = await deps.retriever.retrieve(standalone, { k: request.k });
    const query = deps.speller ? await deps.speller.correct(standalone, first) : standalone;
    const hits = query === standalone ? first : await deps.retriever.retrieve(query, { k: request.k });
    const retrieved = now();
    send({ type: 'sources', hits });
    const draft = await answerer.answer(
      {
        question: request.question,
        query,
        history: request.history,
        hits,
        getDocument: deps.getDocument,
        signal,
      },
      // Whichever answerer cited it, a citation names the primary source its passage rests on, as it streams.
      (event: DraftEvent) => send(event.type === 'citation' ? { ...event, citation: withPrimarySource(event.citation, hits) } : event),
    );
    const finished = now();
    const answer = Answer.parse({
      id: newId(),
      question: request.question,
      query: query === request.question ? undefined : query,
      ...draft,
      citations: draft.citations.map((citation) => withPrimarySource(citation, hits)),
      timings: { retrieveMs: retrieved - started, answerMs: finished - retrieved, totalMs: finished - started },
    });
    if (key && isCacheable(answer, mode, signal)) deps.cache!.answers.set(key, { events, answer });
    return answer;
  }

  return {
    ask: (request, signal) => run(request, () => {}, signal),
    stream: (request, signal) => streamEvents((emit) => run(request, emit, signal)),
  };
}

/** Turns a callback-emitting run into an async iterator ending with `done` or `error`. */
async function* streamEvents(run: (emit: (event: AnswerEvent) => void) => Promise<Answer>): AsyncIterable<AnswerEvent> {
  const queue: AnswerEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const push = (event: AnswerEvent) => {
    queue.push(event);
    wake?.();
  };
  run(push)
    .then((answer) => push({ type: 'done', answer }))
    .catch((error: unknown) => push({ type: 'error', error: toEventError(error) }))
    .finally(() => {
      finished = true;
      wake?.();
    });
  while (true) {
    if (queue.length) {
      const event = queue.shift()!;
      yield event;
      if (event.type === 'done' || event.type === 'error') return;
      continue;
    }
    if (finished) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

function toEventError(error: unknown): { code: string; message: string } {
  if (isRemitError(error)) return { code: error.code, message: error.toLine() };
  return { code: 'internal', message: 'The answer failed unexpectedly' };
}
