import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidates.js';
import { composeStatements } from './compose.js';
import type { RankedEvidence } from './plan.js';

/** A sentence statement over a one-sentence document: only what compose reads is filled in. */
function sentence(text: string): { kind: 'sentence'; evidence: RankedEvidence } {
  const candidate = {
    text,
    start: 0,
    end: text.length,
    kind: 'sentence',
    alsoIn: [],
    hit: { document: { id: 'doc_1', title: 'Zeta notes', origin: 'zeta.md', hash: 'h', sources: [] } },
  } as unknown as Candidate;
  return { kind: 'sentence', evidence: { candidate } as unknown as RankedEvidence };
}

describe('composeStatements', () => {
  it.each([
    ['However, the Zeta Board can fine a keeper £5,000.', 'The Zeta Board can fine a keeper £5,000 [1].'],
    ['Comparing the first two: the Zeta cap is higher than the Quill cap.', 'The Zeta cap is higher than the Quill cap [1].'],
    ['In both cases: a keeper may appeal within 28 days.', 'A keeper may appeal within 28 days [1].'],
    // A lead-in that names what it introduces stays.
    ['Zeta Board fines: up to £5,000 a lamp.', 'Zeta Board fines: up to £5,000 a lamp [1].'],
  ])('shows %j as %j, citing the whole sentence', (text, shown) => {
    const [composed] = composeStatements([sentence(text)]);
    expect(composed!.text).toBe(shown);
    expect(composed!.citations[0]!.quote).toBe(text);
  });
});
