import { describe, expect, it } from 'vitest';
import { claimsOf, markerNumbers, stripMarkers } from './claims.js';

describe('claimsOf', () => {
  it('attaches markers to the sentence they trail, wherever the full stop is', () => {
    const claims = claimsOf('Ofcom can fine up to £18 million.[1] It can also ask courts to block sites [2][3]. Mr. Musk objected [1, 3].');
    expect(claims).toEqual([
      { text: 'Ofcom can fine up to £18 million.', cited: [1] },
      { text: 'It can also ask courts to block sites.', cited: [2, 3] },
      { text: 'Mr. Musk objected.', cited: [1, 3] },
    ]);
  });

  it('keeps sentences without markers as claims that cite nothing', () => {
    expect(claimsOf('Here is what the sources say.\n\nOfcom can act [1].')).toEqual([
      { text: 'Here is what the sources say.', cited: [] },
      { text: 'Ofcom can act.', cited: [1] },
    ]);
  });

  it('ignores fragments with no words', () => {
    expect(claimsOf('— [1]')).toEqual([]);
  });
});

describe('markers', () => {
  it('lists every number and strips markers cleanly', () => {
    expect(markerNumbers('a [1] b [2, 3].[4]')).toEqual([1, 2, 3, 4]);
    expect(stripMarkers('Up to £18 million [1]. Or 10% [2, 3].')).toBe('Up to £18 million. Or 10%.');
  });
});
