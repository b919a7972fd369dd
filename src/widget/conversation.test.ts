import { describe, expect, it } from 'vitest';
import type { Answer } from '../core/schema.js';
import { applyEvent, type ChatTurn, historyOf, resetTurn, startTurn } from './conversation.js';
import { answerAsText } from './copy-text.js';

const answer = (text: string, overrides: Partial<Answer> = {}): Answer => ({
  id: 'ans_1',
  question: 'What can Ofcom fine?',
  answer: text,
  abstained: false,
  citations: [],
  related: [],
  mode: 'extractive',
  warnings: [],
  timings: { retrieveMs: 1, answerMs: 1, totalMs: 2 },
  ...overrides,
});

const done = (turn: ChatTurn, text: string): ChatTurn => applyEvent(turn, { type: 'done', answer: answer(text, { question: turn.question }) });

describe('a chat turn', () => {
  it('folds streamed events into text and citations, then takes the final answer', () => {
    let turn = startTurn('t1', 'What can Ofcom fine?', []);
    turn = applyEvent(turn, { type: 'sources', hits: [] });
    turn = applyEvent(turn, { type: 'text', delta: 'Up to £18 million' });
    turn = applyEvent(turn, { type: 'text', delta: ' [1].' });
    expect(turn).toMatchObject({ status: 'streaming', text: 'Up to £18 million [1].' });
    turn = done(turn, 'Up to £18 million [1].');
    expect(turn.status).toBe('done');
    turn = applyEvent(turn, { type: 'error', error: { code: 'internal', message: 'boom' } });
    expect(turn.failure).toEqual({ kind: 'server', message: 'boom' });
  });

  it('sends completed turns as history, skipping failed ones, and a retry keeps the original history', () => {
    const first = done(startTurn('t1', 'What can Ofcom fine?', []), 'Up to £18 million [1].');
    const failed = { ...startTurn('t2', 'And block?', [first]), status: 'failed' as const };
    const third = startTurn('t3', 'Who decides?', [first, failed]);
    expect(third.history).toEqual([
      { role: 'user', content: 'What can Ofcom fine?' },
      { role: 'assistant', content: 'Up to £18 million [1].' },
    ]);
    expect(resetTurn({ ...failed, text: 'partial' })).toMatchObject({ status: 'waiting', text: '', history: failed.history });
  });

  it('keeps history within the API limits', () => {
    const turns = Array.from({ length: 15 }, (_, i) => done(startTurn(`t${i}`, `q${i}`, []), 'a'.repeat(9000)));
    const history = historyOf(turns);
    expect(history).toHaveLength(20);
    expect(Math.max(...history.map((t) => t.content.length))).toBe(8000);
    expect(history.at(-1)).toMatchObject({ role: 'assistant' });
  });
});

describe('answerAsText', () => {
  it('puts the question, the answer and each citation with its quote on the clipboard', () => {
    const text = answerAsText(
      answer('Up to £18 million [1].', {
        citations: [{ n: 1, docId: 'd', title: 'Ofcom fines', publisher: 'BBC', date: '2026-01-12', origin: 'x', url: 'https://bbc.co.uk/x', quote: ' Fines of up to £18 million. ', start: 0, end: 10, alsoIn: [], sources: [] }],
      }),
    );
    expect(text).toBe('Q: What can Ofcom fine?\n\nUp to £18 million [1].\n\nSources:\n[1] Ofcom fines, BBC · 2026-01-12 https://bbc.co.uk/x\n    “Fines of up to £18 million.”\n');
  });
});
