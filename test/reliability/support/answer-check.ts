// The Answer contract, checked on any answer: schema-valid, markers and citations one to one, every quote exact.
import { expect } from 'vitest';
import { Answer, type Document } from '../../../src/core/schema.js';

export async function expectValidAnswer(value: unknown, getDocument: (id: string) => Promise<Document | null>): Promise<Answer> {
  const answer = Answer.parse(value);
  const markers = new Set([...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
  expect([...markers].sort((a, b) => a - b)).toEqual(answer.citations.map((c) => c.n));
  for (const citation of answer.citations) {
    const document = await getDocument(citation.docId);
    expect(document?.text.slice(citation.start, citation.end), `citation [${citation.n}] of "${answer.question}"`).toBe(citation.quote);
  }
  if (answer.abstained) expect(answer.citations).toEqual([]);
  return answer;
}
