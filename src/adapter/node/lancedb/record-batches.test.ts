import { describe, expect, it } from 'vitest';
import type { Document } from '../../../core/schema.js';
import { arrow } from './arrow.js';
import { chunksToArrow, documentsToArrow, utf8Column } from './record-batches.js';
import { documentToRow } from './tables.js';

const values = ['', 'plain', 'Ofcom’s £18m fine', null, 'café naïve Æther Straße', undefined, '🙂 emoji and 中文', 'x'.repeat(5000)];

describe('utf8Column', () => {
  it('holds what Arrow’s own builder holds: the same strings, nulls and byte offsets', () => {
    const built = new arrow.Vector([utf8Column(values)]);
    const reference = arrow.vectorFromArray(values.map((v) => v ?? null), new arrow.Utf8());
    expect(built.toArray()).toEqual(reference.toArray());
    expect([...built]).toEqual(values.map((v) => v ?? null));
    expect(built.nullCount).toBe(2);
    expect(Array.from(built.data[0]!.valueOffsets)).toEqual(Array.from(reference.data[0]!.valueOffsets.subarray(0, values.length + 1)));
  });

  it('has no validity bitmap when nothing is null', () => {
    const data = utf8Column(['a', 'b']);
    expect(data.nullCount).toBe(0);
    expect([...new arrow.Vector([data])]).toEqual(['a', 'b']);
  });
});

describe('documentsToArrow', () => {
  it('gives the rows documentToRow describes, nulls included', () => {
    const documents: Document[] = [
      { id: 'd1', title: 'Ofcom fines', origin: 'a.md', hash: 'h1', text: 'Ofcom may fine… £18m.', sources: [], publisher: 'BBC', date: '2025-01-02', url: 'https://example.org/a' },
      { id: 'd2', title: 'Café', origin: 'b.md', hash: 'h2', text: 'Straße', sources: [] },
    ] as Document[];
    const entries = [{ document: documents[0]!, via: 'api' as const }, { document: documents[1]! }];
    const rows = documentsToArrow(entries).toArray().map((row) => ({ ...row.toJSON() }));
    expect(rows).toEqual(entries.map(documentToRow));
    expect(rows.map((row) => row.via)).toEqual(['api', 'path']);
  });
});

describe('chunksToArrow', () => {
  it('keeps every field of every chunk', () => {
    const chunk = (i: number) => ({
      id: `d:${i}`, docId: 'd', index: i, start: i * 10, end: i * 10 + 5, text: `text ${i} é`, dupGroup: `d:${i}`,
      vector: Float32Array.from([i, -i, 0.5]), signature: Uint32Array.from([i, 2 ** 32 - 1 - i]),
    });
    const chunks = [chunk(0), chunk(1), chunk(2)];
    const rows = chunksToArrow(chunks, 3).toArray();
    rows.forEach((row, i) => {
      const { vector, signature, ...rest } = chunks[i]!;
      expect({ id: row.id, docId: row.docId, index: row.index, start: row.start, end: row.end, text: row.text, dupGroup: row.dupGroup }).toEqual(rest);
      expect(Array.from(row.vector.toArray())).toEqual(Array.from(vector));
      expect(Array.from(row.signature.toArray())).toEqual(Array.from(signature));
    });
  });
});
