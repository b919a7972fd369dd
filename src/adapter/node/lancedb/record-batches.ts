// Table rows as Arrow record batches built column by column. LanceDB's makeArrowTable goes row by row, and Arrow's
// own string builder re-encodes as it grows: at 100k chunks these builders took ~3 s of an ingest's main thread.
import type { Data, FixedSizeList, Float32, List, Schema, Table, Uint32, Utf8 as Utf8Type } from 'apache-arrow';
import type { ChunkRecord, DocumentEntry } from '../../../core/store/index-store.js';
import { arrow } from './arrow.js';
import { chunksSchema, documentsSchema, documentToRow } from './tables.js';

const { Float32: Float32Type, Int32, makeData, RecordBatch, Struct, Table: ArrowTable, Uint32: Uint32Type, Utf8 } = arrow;

/** A UTF-8 column: every value encoded once, straight into one buffer sized exactly; null or undefined is null. */
export function utf8Column(values: readonly (string | null | undefined)[]): Data<Utf8Type> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let bytes = 0;
  for (let i = 0; i < n; i++) offsets[i + 1] = bytes += values[i] == null ? 0 : Buffer.byteLength(values[i]!, 'utf8');
  const data = Buffer.allocUnsafe(bytes);
  let nullBitmap: Uint8Array | undefined;
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value != null) {
      data.write(value, offsets[i]!, 'utf8');
    } else {
      // Arrow's validity bitmap: a set bit is a value, a clear bit a null.
      nullBitmap ??= new Uint8Array((n + 7) >> 3).fill(0xff);
      nullBitmap[i >> 3]! &= ~(1 << (i & 7));
      nullCount++;
    }
  }
  return makeData({ type: new Utf8(), length: n, nullCount, nullBitmap, valueOffsets: offsets, data: new Uint8Array(data.buffer, data.byteOffset, bytes) });
}

const int32Column = (values: number[]): Data => makeData({ type: new Int32(), length: values.length, data: Int32Array.from(values) });

function tableOf(schema: Schema, length: number, columns: Record<string, Data>): Table {
  const struct = makeData({ type: new Struct(schema.fields), length, children: schema.fields.map((f) => columns[f.name]!) });
  return new ArrowTable([new RecordBatch(schema, struct)]);
}

export function documentsToArrow(documents: readonly DocumentEntry[]): Table {
  const schema = documentsSchema();
  const rows = documents.map(documentToRow);
  const columns = Object.fromEntries(schema.fields.map((f) => [f.name, utf8Column(rows.map((row) => row[f.name] as string | null))]));
  return tableOf(schema, rows.length, columns);
}

export function chunksToArrow(chunks: readonly ChunkRecord[], dimensions: number): Table {
  const schema = chunksSchema(dimensions);
  const n = chunks.length;
  const vectors = new Float32Array(n * dimensions);
  chunks.forEach((chunk, i) => vectors.set(chunk.vector, i * dimensions));
  const offsets = new Int32Array(n + 1);
  chunks.forEach((chunk, i) => (offsets[i + 1] = offsets[i]! + chunk.signature.length));
  const signatures = new Uint32Array(offsets[n]!);
  chunks.forEach((chunk, i) => signatures.set(chunk.signature, offsets[i]!));

  const typeOf = (name: string) => schema.fields.find((f) => f.name === name)!.type;
  return tableOf(schema, n, {
    id: utf8Column(chunks.map((c) => c.id)),
    docId: utf8Column(chunks.map((c) => c.docId)),
    index: int32Column(chunks.map((c) => c.index)),
    start: int32Column(chunks.map((c) => c.start)),
    end: int32Column(chunks.map((c) => c.end)),
    text: utf8Column(chunks.map((c) => c.text)),
    dupGroup: utf8Column(chunks.map((c) => c.dupGroup)),
    signature: makeData({
      type: typeOf('signature') as List<Uint32>,
      length: n,
      valueOffsets: offsets,
      child: makeData({ type: new Uint32Type(), length: signatures.length, data: signatures }),
    }),
    vector: makeData({
      type: typeOf('vector') as FixedSizeList<Float32>,
      length: n,
      child: makeData({ type: new Float32Type(), length: vectors.length, data: vectors }),
    }),
  });
}
