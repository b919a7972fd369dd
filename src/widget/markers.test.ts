import { describe, expect, it } from 'vitest';
import { splitMarkers } from './markers.js';

describe('splitMarkers', () => {
  it('turns known [n] into markers and keeps everything else as text', () => {
    expect(splitMarkers('Ofcom can fine [1]. It can block [2][3].', new Set([1, 2, 3]))).toEqual([
      { kind: 'text', text: 'Ofcom can fine ' },
      { kind: 'marker', n: 1 },
      { kind: 'text', text: '. It can block ' },
      { kind: 'marker', n: 2 },
      { kind: 'marker', n: 3 },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves a marker whose citation has not arrived yet as plain text, merged with its neighbours', () => {
    expect(splitMarkers('up to £18 million [4] or 10%', new Set([1]))).toEqual([{ kind: 'text', text: 'up to £18 million [4] or 10%' }]);
  });

  it('keeps markup-looking text as text', () => {
    const text = '<img src=x onerror=alert(1)> [1]';
    expect(splitMarkers(text, new Set([1]))[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' });
  });

  it('returns nothing for empty text', () => {
    expect(splitMarkers('', new Set())).toEqual([]);
  });
});
