// Chunks as one Arrow record batch built column by column: vectors and signatures are copied once into flat
// buffers, which is ~20x faster than LanceDB's row-by-row makeArrowTable for 10k chunks.
import type { Data, FixedSizeList, Float32, List, Table, Uint32 } from 'apache-arrow';
import type { ChunkRecord } from '../core/store/index-store.js';
import { arrow } from './arrow.js';
import { chunksSchema } from './tables.js';

const { Float32: Float32Type, Int32, makeData, RecordBatch, Struct, Table: ArrowTable, Uint32: Uint32Type, Utf8, vectorFromArray } = arrow;

const strings = (values: string[]): Data => vectorFromArray(values, new Utf8()).data[0]!;
const int32s = (values: number[]): Data => makeData({ type: new Int32(), length: values.length, data: Int32Array.from(values) });

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
  const columns: Record<string, Data> = {
    id: strings(chunks.map((c) => c.id)),
    docId: strings(chunks.map((c) => c.docId)),
    index: int32s(chunks.map((c) => c.index)),
    start: int32s(chunks.map((c) => c.start)),
    end: int32s(chunks.map((c) => c.end)),
    text: strings(chunks.map((c) => c.text)),
    dupGroup: strings(chunks.map((c) => c.dupGroup)),
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
  };
  const struct = makeData({ type: new Struct(schema.fields), length: n, children: schema.fields.map((f) => columns[f.name]!) });
  return new ArrowTable([new RecordBatch(schema, struct)]);
}
