import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTinyModel } from '../../../../test/support/tiny-model.js';
import { HashingEmbedder } from '../../../core/embed/hashing.js';
import { isRemitError } from '../../../core/errors.js';
import { defaultModelDir } from './hub.js';
import { createEmbedder, embedderFromId } from './select.js';

describe('createEmbedder', () => {
  it('gives the hashing embedder when asked, at the asked size', async () => {
    const embedder = await createEmbedder({ kind: 'hashing', dimensions: 256 });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(embedder.id).toBe('hashing-v1-256');
  });

  it('falls back to hashing under auto, in one line naming the variable, when the model is missing and downloads are off', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'remit-no-model-'));
    const warnings: string[] = [];
    const embedder = await createEmbedder({ kind: 'auto', modelDir: empty, allowRemote: false, warn: (line) => warnings.push(line) });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(warnings).toEqual([
      `Embedder: hashing-v1-512 (offline hashing); Xenova/bge-small-en-v1.5 is not in ${join(empty, 'Xenova/bge-small-en-v1.5')} and REMIT_ALLOW_REMOTE_MODELS=0 keeps it from being fetched.`,
    ]);
    // A caller that never fetches (the eval's own indexes) does not blame a setting nobody made.
    const quiet: string[] = [];
    await createEmbedder({ kind: 'auto', modelDir: empty, warn: (line) => quiet.push(line) });
    expect(quiet).toEqual([
      `Embedder: hashing-v1-512 (offline hashing); Xenova/bge-small-en-v1.5 is not in ${join(empty, 'Xenova/bge-small-en-v1.5')}, and this command does not fetch models (npm start and remit ingest do).`,
    ]);
  });

  it('uses the transformers model under auto when it loads, without a warning', async () => {
    const tiny = await buildTinyModel({ modelId: 'remit-test/auto' });
    const warnings: string[] = [];
    const embedder = await createEmbedder({ kind: 'auto', model: tiny.modelId, modelDir: tiny.modelDir, warn: (line) => warnings.push(line) });
    expect(embedder.id).toBe('transformers:remit-test/auto:mean:fp32');
    expect(warnings).toEqual([]);
  });

  it("without a model folder, looks in Remit's own model folder (outside node_modules) even after another load used a folder", async () => {
    const tiny = await buildTinyModel({ modelId: 'remit-test/elsewhere' });
    await createEmbedder({ kind: 'transformers', model: tiny.modelId, modelDir: tiny.modelDir });
    const warnings: string[] = [];
    await createEmbedder({ kind: 'auto', model: 'remit-test/absent', warn: (line) => warnings.push(line) });
    expect(warnings[0]).toContain(join(defaultModelDir(), 'remit-test', 'absent'));
    expect(defaultModelDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe(join('/var/cache/me', 'remit', 'models'));
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
