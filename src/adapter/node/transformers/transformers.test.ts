import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyModel, type TinyModel } from '../../../../test/support/tiny-model.js';
import type { Embedder } from '../../../core/embed/embedder.js';
import { isRemitError } from '../../../core/errors.js';
import { createEmbedder, embedderFromId } from './select.js';
import { parseTransformersId, TransformersEmbedder } from './transformers.js';

const BGE_PREFIX = 'Represent this sentence for searching relevant passages: ';
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

// The tiny model is saved under the default model's id, so the default path (CLS pooling, BGE query prefix) runs for real.
describe('TransformersEmbedder on a tiny local ONNX model', () => {
  let tiny: TinyModel;
  let embedder: Embedder;

  beforeAll(async () => {
    tiny = await buildTinyModel({ modelId: 'Xenova/bge-small-en-v1.5', hidden: 24 });
    embedder = await createEmbedder({ kind: 'transformers', modelDir: tiny.modelDir, batchSize: 2 });
  });
  afterAll(async () => {
    if (embedder instanceof TransformersEmbedder) await embedder.dispose();
  });

  it('names the model, pooling and precision, and reads its size from the model', () => {
    expect(embedder).toBeInstanceOf(TransformersEmbedder);
    expect(embedder.id).toBe('transformers:Xenova/bge-small-en-v1.5:cls:fp32');
    expect(parseTransformersId(embedder.id)).toEqual({ model: 'Xenova/bge-small-en-v1.5', pooling: 'cls', dtype: 'fp32' });
    expect(embedder.dimensions).toBe(24);
  });

  it('returns unit-length vectors of the model size, one per text, across batches', async () => {
    const texts = ['Ofcom can fine X', 'the grok ban', '', 'children online safety', 'fines of £18 million'];
    const vectors = await embedder.embed(texts, 'passage');
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(24);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
    // Batching (size 2 here) and padding must not change a text's vector.
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text], 'passage');
      expect(dot(alone!, vectors[i]!)).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic and tells different texts apart', async () => {
    const texts = ['Ofcom can fine X', 'the regulator images ban'];
    const [a1, b] = await embedder.embed(texts, 'passage');
    const [a2] = await embedder.embed(texts, 'passage');
    expect(Array.from(a1!)).toEqual(Array.from(a2!));
    expect(dot(a1!, b!)).toBeLessThan(0.999);
  });

  it('prefixes queries with the BGE instruction and leaves passages alone', async () => {
    const [query] = await embedder.embed(['what can ofcom fine'], 'query');
    const [prefixed, passage] = await embedder.embed([BGE_PREFIX + 'what can ofcom fine', 'what can ofcom fine'], 'passage');
    expect(dot(query!, prefixed!)).toBeCloseTo(1, 5);
    expect(dot(query!, passage!)).toBeLessThan(0.999);
  });

  it('truncates texts longer than the model accepts', async () => {
    const [long] = await embedder.embed(['ofcom fine '.repeat(500)], 'passage');
    expect(Math.sqrt(dot(long!, long!))).toBeCloseTo(1, 5);
  });

  it('reopens the same embedder from its id', async () => {
    const reopened = await embedderFromId(embedder.id, { modelDir: tiny.modelDir });
    expect(reopened.id).toBe(embedder.id);
    const [a] = await embedder.embed(['the grok ban'], 'query');
    const [b] = await reopened.embed(['the grok ban'], 'query');
    expect(dot(a!, b!)).toBeCloseTo(1, 6);
  });
});

describe('TransformersEmbedder failures', () => {
  it('reports a missing model folder as model_unavailable, naming the folder', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'remit-no-model-'));
    const error = await createEmbedder({ kind: 'transformers', modelDir: empty }).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('model_unavailable');
    expect((error as Error).message).toContain(join(empty, 'Xenova/bge-small-en-v1.5'));
    expect(isRemitError(error) && error.hint).toMatch(/onnx\/model\.onnx/);
  });

  it('reports a corrupt model file as model_unavailable', async () => {
    const { modelDir } = await buildTinyModel({ modelId: 'remit-test/corrupt' });
    await mkdir(join(modelDir, 'remit-test/corrupt/onnx'), { recursive: true });
    await writeFile(join(modelDir, 'remit-test/corrupt/onnx/model.onnx'), 'not a protobuf');
    const error = await createEmbedder({ kind: 'transformers', model: 'remit-test/corrupt', modelDir }).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('model_unavailable');
  });
});
