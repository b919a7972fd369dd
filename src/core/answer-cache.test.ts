import { describe, expect, it } from 'vitest';
import type { Answerer, DraftEvent } from './answer/answerer.js';
import { createAnswerCache } from './answer-cache.js';
import { createAsk } from './ask.js';
import type { AnswerEvent, Document, Hit } from './schema.js';

const text = 'The Harbour Board can fine a ship owner up to 5,000 crowns. It may also close a berth.';
const document: Document = { id: 'doc_h', title: 'Harbour', origin: 'harbour.txt', hash: 'h', sources: [], text };
const hit: Hit = {
  chunk: { id: 'doc_h#0', docId: 'doc_h', index: 0, start: 0, end: text.length, text },
  document: { id: 'doc_h', title: 'Harbour', origin: 'harbour.txt', hash: 'h', sources: [] },
  score: 1,
  alsoIn: [],
};
const quote = text.slice(0, text.indexOf('.') + 1);
const citation = { n: 1, docId: 'doc_h', title: 'Harbour', origin: 'harbour.txt', quote, start: 0, end: quote.length, alsoIn: [], sources: [] };

/** A real ask pipeline around counting parts; `warn` makes the answerer report a fallback. */
function world() {
  const calls = { retrieve: 0, answer: 0 };
  const state = { version: 'build-1' as string | undefined, warn: false };
  const answerer: Answerer = {
    mode: 'extractive',
    async answer(_input, emit: (event: DraftEvent) => void = () => {}) {
      calls.answer++;
      emit({ type: 'citation', citation });
      emit({ type: 'text', delta: `${quote} [1]` });
      return { answer: `${quote} [1]`, abstained: false, citations: [citation], mode: 'extractive', warnings: state.warn ? ['fell back'] : [] };
    },
  };
  const ask = createAsk({
    retriever: { retrieve: async () => (calls.retrieve++, [hit]) },
    answerers: { extractive: answerer },
    defaultMode: 'extractive',
    rewriter: { rewrite: async (question) => `standalone: ${question}` },
    getDocument: async () => document,
    cache: { answers: createAnswerCache(10), indexVersion: async () => state.version },
  });
  return { ask, calls, state };
}

const collect = async (events: AsyncIterable<AnswerEvent>) => {
  const all: AnswerEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

describe('the answer cache', () => {
  it('answers a repeated question from memory with a fresh id, and says so', async () => {
    const { ask, calls } = world();
    const first = await ask.ask({ question: 'What can the Harbour Board fine?' });
    const again = await ask.ask({ question: '  What can the   Harbour Board fine? ' });
    expect(calls).toEqual({ retrieve: 1, answer: 1 });
    expect(first.cached).toBeUndefined();
    expect(again).toMatchObject({ cached: true, answer: first.answer, citations: first.citations, question: 'What can the   Harbour Board fine?' });
    expect(again.id).not.toBe(first.id);
    expect(again.timings).toMatchObject({ retrieveMs: 0, answerMs: 0 });
  });

  it('replays the same stream of events for a repeat', async () => {
    const { ask, calls } = world();
    const first = await collect(ask.stream({ question: 'Can a berth be closed?' }));
    const again = await collect(ask.stream({ question: 'Can a berth be closed?' }));
    expect(calls.answer).toBe(1);
    expect(again.map((e) => e.type)).toEqual(['sources', 'citation', 'text', 'done']);
    expect(again.slice(0, -1)).toEqual(first.slice(0, -1));
    expect(again.at(-1)).toMatchObject({ type: 'done', answer: { cached: true } });
  });

  it('answers again after the index changes, and keeps options and conversations apart', async () => {
    const { ask, calls, state } = world();
    const question = 'What can the Harbour Board fine?';
    await ask.ask({ question });
    await ask.ask({ question, k: 3 });
    await ask.ask({ question, history: [{ role: 'user', content: 'Tell me about harbours' }, { role: 'assistant', content: 'They have boards.' }] });
    await ask.ask({ question: question.toUpperCase() });
    expect(calls.answer).toBe(4);
    state.version = 'build-2';
    expect((await ask.ask({ question })).cached).toBeUndefined();
    expect(calls.answer).toBe(5);
  });

  it('never keeps a fallback answer, nor answers before anything is indexed', async () => {
    const { ask, calls, state } = world();
    state.warn = true;
    await ask.ask({ question: 'Fine?' });
    expect((await ask.ask({ question: 'Fine?' })).cached).toBeUndefined();
    state.warn = false;
    state.version = undefined;
    await ask.ask({ question: 'Fine?' });
    await ask.ask({ question: 'Fine?' });
    expect(calls.answer).toBe(4);
  });

  it('keeps nothing from an aborted answer', async () => {
    const { ask, calls } = world();
    const controller = new AbortController();
    controller.abort();
    await ask.ask({ question: 'Fine?' }, controller.signal);
    await ask.ask({ question: 'Fine?' });
    expect(calls.answer).toBe(2);
  });
});
