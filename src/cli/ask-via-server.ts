// `remit ask` handed to a `remit serve` already running on the same index: the server's answerer is warm, so the
// question costs this process its own start-up and one local request, not loading the language model and LanceDB
// (~1.4 s). Any doubt (no record, another version, no answer, an error) and the caller answers in-process instead.
import { request as httpRequest } from 'node:http';
import type { Answer } from '../core/schema.js';
import { REMIT_VERSION } from '../core/version.js';
import { readServedIndex, registryDir } from '../adapter/node/serve-registry.js';

export interface ServerAsk {
  question: string;
  k?: number;
}

/** How long a recorded server may take before this process answers for itself. */
const SERVER_TIMEOUT_MS = 15_000;

/** The running server's extractive answer for `db`, or undefined when there is none to ask or it did not answer. */
export async function askRunningServer(db: string, ask: ServerAsk, env: Record<string, string | undefined>): Promise<Answer | undefined> {
  const served = readServedIndex(db, registryDir(env));
  if (!served || served.version !== REMIT_VERSION) return undefined;
  const body = JSON.stringify({ question: ask.question, k: ask.k, mode: 'extractive' });
  return new Promise((resolve) => {
    const request = httpRequest(
      new URL('/api/ask', served.url),
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, timeout: SERVER_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => resolve(undefined));
        response.on('end', () => {
          if (response.statusCode !== 200) return resolve(undefined);
          try {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer;
            resolve(typeof answer?.answer === 'string' && Array.isArray(answer.citations) ? answer : undefined);
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
    request.end(body);
  });
}

/** Only extractive answers are handed over: a Claude answer is the caller's (its key, its model), not the server's. */
export function answersExtractively(mode: string | undefined, env: Record<string, string | undefined>): boolean {
  const chosen = mode ?? env.REMIT_MODE?.trim() ?? (env.ANTHROPIC_API_KEY ? 'claude' : 'extractive');
  return chosen === 'extractive';
}
