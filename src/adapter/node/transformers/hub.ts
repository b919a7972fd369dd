// Where models come from when they are not on this machine: the Hugging Face hub (or a mirror), asked once, briefly.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_HUB_URL = 'https://huggingface.co/';
/** An offline machine learns within this long that the hub is out of reach, then uses the hashing embedder. */
export const DEFAULT_HUB_TIMEOUT_MS = 1500;

/** Remit's own model folder: fetched models are kept here, outside node_modules, so a reinstall keeps them. */
export function defaultModelDir(env: Record<string, string | undefined> = process.env): string {
  const cache = env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
  return join(cache, 'remit', 'models');
}

export type HubProbe = { reachable: true } | { reachable: false; reason: string };

/**
 * Asks the hub for the model's config.json without downloading it. Any HTTP answer but a 404 or a 5xx means the
 * model can be fetched; no answer within `timeoutMs` (DNS failure, refused or silent connection) means offline.
 */
export async function probeHub(hubUrl: string, model: string, timeoutMs = DEFAULT_HUB_TIMEOUT_MS): Promise<HubProbe> {
  const url = new URL(`${model}/resolve/main/config.json`, hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`);
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (response.status === 404) return { reachable: false, reason: `the hub at ${url.origin} has no model "${model}"` };
    if (response.status >= 500) return { reachable: false, reason: `the hub at ${url.origin} answered HTTP ${response.status}` };
    return { reachable: true };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { reachable: false, reason: timedOut ? `the hub at ${url.origin} did not answer within ${formatSeconds(timeoutMs)}` : `the hub at ${url.origin} could not be reached` };
  }
}

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
