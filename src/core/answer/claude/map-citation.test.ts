import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CitationsSearchResultLocation } from '@anthropic-ai/sdk/resources/messages';
import { findLoose, mapCitation } from './map-citation.js';
import { newsHits } from '../../../../test/support/news-hits.js';
import { passageBlocks } from './request.js';

const news = newsHits({ count: 2 });
const sources = news.hits.map((hit) => ({ hit, blocks: passageBlocks(hit.chunk.text) }));
const documentText = (id: string) => news.documents.get(id)?.text;

function location(index: number, start: number, end: number, cited: string): CitationsSearchResultLocation {
  return { type: 'search_result_location', search_result_index: index, start_block_index: start, end_block_index: end, cited_text: cited, source: 's', title: null };
}

describe('mapCitation', () => {
  it('maps any range of sentence blocks to the exact document span', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sources.length - 1 }), fc.nat(), fc.nat(), (index, a, b) => {
        const { hit, blocks } = sources[index]!;
        const start = a % blocks.length;
        const end = start + 1 + (b % (blocks.length - start));
        const cited = blocks.slice(start, end).map((s) => hit.chunk.text.slice(s.start, s.end)).join('');
        const mapped = mapCitation(location(index, start, end, cited), sources, documentText)!;
        expect(news.documents.get(hit.document.id)!.text.slice(mapped.start, mapped.end)).toBe(mapped.quote);
        expect(mapped.quote.replace(/\s+/g, '')).toBe(cited.replace(/\s+/g, ''));
      }),
    );
  });

  it('finds the cited text when the block indices disagree with it', () => {
    const { hit, blocks } = sources[0]!;
    const second = hit.chunk.text.slice(blocks[1]!.start, blocks[1]!.end);
    const mapped = mapCitation(location(0, 0, 1, second), sources, documentText)!;
    expect(mapped.start).toBe(hit.chunk.start + blocks[1]!.start);
    expect(mapped.quote).toBe(second);
  });

  it('finds cited text whose white space differs from the source', () => {
    const { hit, blocks } = sources[0]!;
    const twoSentences = hit.chunk.text.slice(blocks[1]!.start, blocks[2]!.end);
    const squeezed = twoSentences.replace(/\s+/g, '  \n ');
    const mapped = mapCitation(location(0, 99, 100, squeezed), sources, documentText)!;
    expect(mapped.quote).toBe(twoSentences);
  });

  it('rejects an index past the results, foreign text, another citation type, and a stale document', () => {
    const cited = sources[0]!.hit.chunk.text.slice(sources[0]!.blocks[0]!.start, sources[0]!.blocks[0]!.end);
    expect(mapCitation(location(sources.length, 0, 1, cited), sources, documentText)).toBeNull();
    expect(mapCitation(location(0, 0, 1, 'Words that are in no source at all.'), sources, documentText)).toBeNull();
    expect(mapCitation({ type: 'char_location', cited_text: cited, document_index: 0, document_title: null, start_char_index: 0, end_char_index: 5, file_id: null }, sources, documentText)).toBeNull();
    expect(mapCitation(location(0, 0, 1, cited), sources, () => 'a different text now')).toBeNull();
  });
});

describe('findLoose', () => {
  it('maps a match with collapsed white space back to original offsets', () => {
    expect(findLoose('a  b\n\nc d', 'b c')).toEqual({ start: 3, end: 7 });
    expect(findLoose('abc', 'x')).toBeUndefined();
    expect(findLoose('abc', '   ')).toBeUndefined();
  });
});
