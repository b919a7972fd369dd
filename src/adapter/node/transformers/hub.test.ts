// The connected and the offline machine, with local stand-ins for the hub: a connected machine fetches the model once
// into its model folder and loads it from there afterwards; an offline one falls back to hashing in one line.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HubStandIn, refusingHubUrl, servingHub, silentHub } from '../../../../test/support/hub-stand-in.js';
import { buildTinyModel } from '../../../../test/support/tiny-model.js';
import { HashingEmbedder } from '../../../core/embed/hashing.js';
import { isRemitError } from '../../../core/errors.js';
import { probeHub } from './hub.js';
import { createEmbedder } from './select.js';
import { TransformersEmbedder } from './transformers.js';

const MODEL = 'Xenova/bge-small-en-v1.5';
const hubs: HubStandIn[] = [];
const started = <T extends HubStandIn>(hub: T): T => (hubs.push(hub), hub);
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

describe('a connected machine', () => {
  it('fetches the model once from the hub into the model folder, then loads it from there with the hub gone', async () => {
    const published = await buildTinyModel({ modelId: MODEL, hidden: 16 });
    const hub = started(await servingHub(published.modelDir));
    const modelDir = await mkdtemp(join(tmpdir(), 'remit-models-'));
    const notices: string[] = [];

    const fetched = await createEmbedder({ kind: 'auto', modelDir, allowRemote: true, hubUrl: hub.url, warn: (line) => notices.push(line) });
    expect(fetched).toBeInstanceOf(TransformersEmbedder);
    expect(fetched.id).toBe(`transformers:${MODEL}:cls:fp32`);
    expect(notices).toEqual([`Embedder: fetching ${MODEL} from ${new URL(hub.url).host} into ${modelDir} (once)…`]);
    expect(hub.requests.some((r) => r.startsWith(`GET /${MODEL}/resolve/main/onnx/model.onnx`))).toBe(true);
    // Moved into place whole; nothing half-fetched is left beside it.
    expect(existsSync(join(modelDir, MODEL, 'onnx', 'model.onnx'))).toBe(true);
    expect(readdirSync(modelDir).filter((name) => name.startsWith('.fetching-'))).toEqual([]);

    const offline = await refusingHubUrl();
    const again = await createEmbedder({ kind: 'auto', modelDir, allowRemote: true, hubUrl: offline, warn: (line) => notices.push(line) });
    expect(again.id).toBe(fetched.id);
    expect(notices).toHaveLength(1);
    const [a] = await fetched.embed(['Ofcom can fine X'], 'query');
    const [b] = await again.embed(['Ofcom can fine X'], 'query');
    expect(Array.from(b!)).toEqual(Array.from(a!));
    await (fetched as TransformersEmbedder).dispose();
    await (again as TransformersEmbedder).dispose();
  });

  it('asks nothing of the hub when the model is already in the folder', async () => {
    const local = await buildTinyModel({ modelId: MODEL, hidden: 16 });
    const hub = started(await silentHub());
    const embedder = await createEmbedder({ kind: 'auto', modelDir: local.modelDir, allowRemote: true, hubUrl: hub.url });
    expect(embedder).toBeInstanceOf(TransformersEmbedder);
    expect(hub.requests).toEqual([]);
    await (embedder as TransformersEmbedder).dispose();
  });
});

describe('an offline machine', () => {
  it('counts a hub that never answers as offline after the timeout, and says so in one calm line', async () => {
    const hub = started(await silentHub());
    const modelDir = await mkdtemp(join(tmpdir(), 'remit-models-'));
    const notices: string[] = [];
    const embedder = await createEmbedder({ kind: 'auto', modelDir, allowRemote: true, hubUrl: hub.url, warn: (line) => notices.push(line) });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(hub.requests).toEqual(['connection']);
    expect(notices).toEqual([
      `Embedder: hashing-v1-512 (offline hashing); the hub at ${new URL(hub.url).origin} did not answer within 1.5 s, so ${MODEL} was not fetched. To switch once it can be: npx remit ingest --rebuild corpus`,
    ]);
    expect(existsSync(join(modelDir, MODEL))).toBe(false);
  });

  it('falls back at once when the connection is refused', async () => {
    const modelDir = await mkdtemp(join(tmpdir(), 'remit-models-'));
    const notices: string[] = [];
    const embedder = await createEmbedder({ kind: 'auto', modelDir, allowRemote: true, hubUrl: await refusingHubUrl(), warn: (line) => notices.push(line) });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Embedder: hashing-v1-512 \(offline hashing\); the hub at http:\/\/127\.0\.0\.1:\d+ could not be reached, so /);
  });

  it('with --embedder transformers, fails with model_unavailable and says what to do', async () => {
    const modelDir = await mkdtemp(join(tmpdir(), 'remit-models-'));
    const error = await createEmbedder({ kind: 'transformers', modelDir, allowRemote: true, hubUrl: await refusingHubUrl() }).catch((e: unknown) => e);
    expect(isRemitError(error) && error.code).toBe('model_unavailable');
    expect(isRemitError(error) && error.hint).toContain(join(modelDir, MODEL));
  });
});

describe('probeHub', () => {
  it('tells a hub without the model from one that has it', async () => {
    const published = await buildTinyModel({ modelId: MODEL, hidden: 8 });
    const hub = started(await servingHub(published.modelDir));
    expect(await probeHub(hub.url, MODEL)).toEqual({ reachable: true });
    expect(await probeHub(hub.url, 'remit-test/absent')).toEqual({ reachable: false, reason: `the hub at ${new URL(hub.url).origin} has no model "remit-test/absent"` });
    expect(hub.requests).toEqual([`HEAD /${MODEL}/resolve/main/config.json`, 'HEAD /remit-test/absent/resolve/main/config.json']);
  });

  it('gives up on a silent hub after the given time', async () => {
    const hub = started(await silentHub());
    expect(await probeHub(hub.url, MODEL, 200)).toEqual({ reachable: false, reason: `the hub at ${new URL(hub.url).origin} did not answer within 0.2 s` });
  });
});
