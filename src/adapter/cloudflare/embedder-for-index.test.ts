import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../core/embed/hashing.js';
import { embedderForIndex } from './embedder-for-index.js';
import type { WorkersAiRunner } from './workers-ai-embedder.js';

/** Stands in for the Workers AI binding (no local simulation exists): records calls, returns fixed-length vectors. */
function recordingAi(dimensions: number, value = 2): WorkersAiRunner & { calls: { model: string; text: string[]; pooling: string }[] } {
  const calls: { model: string; text: string[]; pooling: string }[] = [];
  return {
    calls,
    async run(model, inputs) {
      calls.push({ model, ...inputs });
      return { shape: [inputs.text.length, dimensions], data: inputs.text.map(() => Array.from({ length: dimensions }, () => value)), pooling: inputs.pooling };
    },
  };
}

describe('embedderForIndex', () => {
  it('runs the hashing embedder inside the Worker, identical to Node', async () => {
    const embedder = embedderForIndex('hashing-v1-512', undefined);
    const [atEdge] = await embedder.embed(['Ofcom can fine X'], 'query');
    const [onNode] = await new HashingEmbedder({ dimensions: 512 }).embed(['Ofcom can fine X'], 'query');
    expect(embedder.id).toBe('hashing-v1-512');
    expect(atEdge).toEqual(onNode);
  });

  it('maps a BGE index to its Workers AI twin: same id, cls pooling, query prefix, unit-length vectors', async () => {
    const ai = recordingAi(384);
    const embedder = embedderForIndex('transformers:Xenova/bge-small-en-v1.5:cls:fp32', ai);
    expect(embedder).toMatchObject({ id: 'transformers:Xenova/bge-small-en-v1.5:cls:fp32', dimensions: 384 });
    const [query] = await embedder.embed(['who regulates X?'], 'query');
    await embedder.embed(['a passage'], 'passage');
    expect(ai.calls[0]).toEqual({ model: '@cf/baai/bge-small-en-v1.5', text: ['Represent this sentence for searching relevant passages: who regulates X?'], pooling: 'cls' });
    expect(ai.calls[1]!.text).toEqual(['a passage']);
    expect(Math.hypot(...query!)).toBeCloseTo(1, 6);
  });

  it('refuses what the Worker cannot reproduce, saying why', () => {
    expect(() => embedderForIndex('transformers:Xenova/all-MiniLM-L6-v2:mean:fp32', recordingAi(384))).toThrow(/no Workers counterpart/);
    expect(() => embedderForIndex('transformers:Xenova/bge-small-en-v1.5:cls:q8', undefined)).toThrow(expect.objectContaining({ code: 'model_unavailable' }));
  });

  it('rejects a Workers AI reply of the wrong shape', async () => {
    const embedder = embedderForIndex('transformers:Xenova/bge-small-en-v1.5:cls:fp32', recordingAi(768));
    await expect(embedder.embed(['q'], 'query')).rejects.toMatchObject({ code: 'upstream' });
  });
});
