// The chat's state as plain data: each turn is a question and its (streaming) answer; events fold into the latest turn.
import type { Answer, AnswerEvent, Citation, Turn } from '../core/schema.js';
import type { Failure } from './failure.js';

export type FeedbackState = { rating: 'up' | 'down'; status: 'sending' | 'sent' | 'failed' } | undefined;

export interface ChatTurn {
  id: string;
  question: string;
  /** The conversation before this question, as sent to the API (kept so a retry asks the same thing). */
  history: Turn[];
  status: 'waiting' | 'streaming' | 'done' | 'failed';
  /** Text streamed so far; the final answer's text once done. */
  text: string;
  citations: Citation[];
  /** How many passages retrieval returned (from the `sources` event). */
  hits: number;
  answer?: Answer;
  failure?: Failure;
  feedback?: FeedbackState;
}

/** API limits on history (schema Turn and AskRequest): at most 20 turns of at most 8000 chars. */
const MAX_TURNS = 20;
const MAX_TURN_CHARS = 8000;

export function startTurn(id: string, question: string, previous: readonly ChatTurn[]): ChatTurn {
  return { id, question, history: historyOf(previous), status: 'waiting', text: '', citations: [], hits: 0 };
}

/** Completed turns as question/answer pairs, newest last, within the API's limits. */
export function historyOf(turns: readonly ChatTurn[]): Turn[] {
  const history: Turn[] = [];
  for (const turn of turns) {
    if (turn.status !== 'done' || !turn.answer) continue;
    history.push({ role: 'user', content: clip(turn.question) }, { role: 'assistant', content: clip(turn.answer.answer) });
  }
  return history.slice(-MAX_TURNS);
}

const clip = (text: string): string => (text.length > MAX_TURN_CHARS ? text.slice(0, MAX_TURN_CHARS) : text) || ' ';

export function applyEvent(turn: ChatTurn, event: AnswerEvent): ChatTurn {
  switch (event.type) {
    case 'sources':
      return { ...turn, status: 'streaming', hits: event.hits.length };
    case 'text':
      return { ...turn, status: 'streaming', text: turn.text + event.delta };
    case 'citation':
      return { ...turn, status: 'streaming', citations: [...turn.citations.filter((c) => c.n !== event.citation.n), event.citation] };
    case 'done':
      return { ...turn, status: 'done', text: event.answer.answer, citations: event.answer.citations, answer: event.answer };
    case 'error':
      return { ...turn, status: 'failed', failure: { kind: 'server', message: event.error.message } };
  }
}

export const failTurn = (turn: ChatTurn, failure: Failure): ChatTurn => ({ ...turn, status: 'failed', failure });

/** A retry starts the same question over, keeping its place and history. */
export const resetTurn = (turn: ChatTurn): ChatTurn => ({
  id: turn.id,
  question: turn.question,
  history: turn.history,
  status: 'waiting',
  text: '',
  citations: [],
  hits: 0,
});
