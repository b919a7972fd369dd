import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTinyModel } from '../../../../test/support/tiny-model.js';
import { HashingEmbedder } from '../../../core/embed/hashing.js';
import { isRemitError } from '../../../core/errors.js';
import { createEmbedder, embedderFromId } from './select.js';

describe('createEmbedder', () => {
  it('gives the hashing embedder when asked, at the asked size', async () => {
    const embedder = await createEmbedder({ kind: 'hashing', dimensions: 256 });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(embedder.id).toBe('hashing-v1-256');
  });

  it('falls back to hashing under auto, with one warning, when the model folder is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'remit-no-model-'));
    const warnings: string[] = [];
    const embedder = await createEmbedder({ kind: 'auto', modelDir: empty, warn: (line) => warnings.push(line) });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('fell back to the offline hashing embedder');
    expect(warnings[0]).toContain(empty);
  });

  it('uses the transformers model under auto when it loads, without a warning', async () => {
    const tiny = await buildTinyModel({ modelId: 'remit-test/auto' });
    const warnings: string[] = [];
    const embedder = await createEmbedder({ kind: 'auto', model: tiny.modelId, modelDir: tiny.modelDir, warn: (line) => warnings.push(line) });
    expect(embedder.id).toBe('transformers:remit-test/auto:mean:fp32');
    expect(warnings).toEqual([]);
  });

  it("without a model folder, looks in transformers.js's own folder even after another load used a folder", async () => {
    const tiny = await buildTinyModel({ modelId: 'remit-test/elsewhere' });
    await createEmbedder({ kind: 'transformers', model: tiny.modelId, modelDir: tiny.modelDir });
    const warnings: string[] = [];
    await createEmbedder({ kind: 'auto', model: 'remit-test/absent', warn: (line) => warnings.push(line) });
    expect(warnings[0]).toContain(join('@huggingface', 'transformers', 'models', 'remit-test', 'absent'));
  });

  it('rejects invalid options as bad_input', async () => {
    const error = await createEmbedder({ kind: 'quantum' as 'auto' }).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('bad_input');
  });
});

describe('embedderFromId', () => {
  it('recreates hashing embedders', async () => {
    expect((await embedderFromId('hashing-v1-1024')).dimensions).toBe(1024);
  });

  it('names an id it cannot recreate', async () => {
    const error = await embedderFromId('hashing-v9-512').catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('embedder_mismatch');
    expect((error as Error).message).toContain('hashing-v9-512');
  });

  it('fails with model_unavailable when the recorded model is not there', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'remit-no-model-'));
    const error = await embedderFromId('transformers:Xenova/bge-small-en-v1.5:cls:fp32', { modelDir: empty }).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('model_unavailable');
  });
});
