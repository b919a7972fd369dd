import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { newsFile } from '../../../test/support/paths.js';
import { OverlapJudge } from './overlap.js';

// The sentence about Ofcom's fining powers, found at run time in the article that carries it.
const penaltyPassage = async () => {
  const text = await readFile(newsFile('004_dde430365e426545.txt'), 'utf8');
  const start = text.indexOf('Ofcom has powers');
  return text.slice(start, text.indexOf('\n', start));
};

describe('OverlapJudge', () => {
  const judge = new OverlapJudge();

  it('supports a sentence quoted from the passage, and a light rewording of it', async () => {
    const passage = await penaltyPassage();
    expect(await judge.supports(passage, passage)).toBe(true);
    expect(await judge.supports(passage, 'Under the Online Safety Act, Ofcom has the power to fine businesses up to £18m or 10% of global revenue.')).toBe(true);
  });

  it('rejects a changed number, a missing name and a flipped polarity', async () => {
    const passage = await penaltyPassage();
    expect(judge.judge(passage, 'Ofcom has powers to fine businesses up to £20 million or 10% of global revenue.').reason).toMatch(/numbers.*20/);
    expect(judge.judge(passage, 'The FCA can fine businesses up to £18 million under the Online Safety Act.').reason).toMatch(/names.*fca/);
    expect(judge.judge(passage, 'Ofcom has no power to fine businesses up to £18 million under the Online Safety Act.').reason).toMatch(/negates/);
    expect(judge.judge('X is not doing enough to protect its users.', 'X is doing enough to protect its users.').reason).toMatch(
      /cited text negates/,
    );
  });

  it('reads the polarity of a list joined into one sentence item by item', () => {
    const items = 'Step 4 can increase the figure for deterrence.\nStep 5 applies a settlement discount; the discount never applies to Step 1.';
    expect(judge.judge(items, 'Step 4 can increase the figure for deterrence; Step 5 applies a settlement discount; the discount never applies to Step 1.').supported).toBe(true);
    // An item whose polarity is flipped still fails.
    expect(judge.judge(items, 'Step 4 cannot increase the figure for deterrence; Step 5 applies a settlement discount; the discount never applies to Step 1.').reason).toMatch(
      /sentence negates/,
    );
    expect(judge.judge(items, 'Step 4 can increase the figure for deterrence; Step 5 applies a settlement discount; the discount applies to Step 1.').reason).toMatch(
      /cited text negates/,
    );
  });

  it("reads a lead-in joined to its list's items with a colon apart from them", () => {
    const quoted = 'The regime rests on three principles:\ndisgorgement: nobody should gain from a breach;\ndeterrence: the penalty should deter others.';
    expect(judge.judge(quoted, 'The regime rests on three principles: disgorgement: nobody should gain from a breach; deterrence: the penalty should deter others.').supported).toBe(true);
    expect(judge.judge(quoted, 'The regime rests on three principles: disgorgement: somebody should gain from a breach; deterrence: the penalty should deter others.').reason).toMatch(
      /cited text negates/,
    );
  });

  it('reads each sentence of a list item joined with a dash apart', () => {
    const items = 'Zeta was fined €200 million over its consent model. The Commission found that this choice did not give users an alternative.';
    expect(judge.judge(items, 'Zeta was fined €200 million over its consent model — The Commission found that this choice did not give users an alternative.').supported).toBe(true);
    expect(judge.judge(items, 'Zeta was fined €200 million over its consent model — The Commission found that this choice gave users an alternative.').reason).toMatch(/cited text negates/);
  });

  it('rejects a sentence the passage does not cover', async () => {
    const passage = await penaltyPassage();
    const verdict = judge.judge(passage, 'On Saturday Indonesia became the first nation to block access to Grok.');
    expect(verdict.supported).toBe(false);
  });

  it('treats unit spellings and number words alike, and ignores prototype names', () => {
    expect(judge.judge('The fine was £18 million, about ten percent.', 'The fine was £18m, about 10%.').supported).toBe(true);
    expect(judge.judge('The constructor of the site.', 'The constructor of the site.').supported).toBe(true);
  });
});
