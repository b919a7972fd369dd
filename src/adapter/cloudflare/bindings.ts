// What wrangler.toml binds into the Worker, and its plain-text settings validated once per isolate.
import type { D1Database, Vectorize } from '@cloudflare/workers-types';
import { createError } from '../../core/errors.js';
import { SECRET_SETTINGS, SharedSettings } from '../../core/settings.js';
import type { WorkersAiRunner } from './workers-ai-embedder.js';

export interface WorkerEnv {
  DB: D1Database;
  VECTORIZE: Pick<Vectorize, 'query'>;
  /** Needed only when the index was built with a BGE model (the hashing embedder runs in the Worker itself). */
  AI?: WorkersAiRunner;
  /** A secret (`wrangler secret put ANTHROPIC_API_KEY`); unset means extractive answers. */
  ANTHROPIC_API_KEY?: string;
  [variable: string]: unknown;
}

/** The [vars] of wrangler.toml: the settings Node reads too (core/settings.ts), with the same names and meanings. */
export const WorkerVars = SharedSettings;
export type WorkerVars = SharedSettings;

/** Reads the string settings from `env` (bindings are objects and are skipped); names each bad one. */
export function readWorkerVars(env: WorkerEnv): WorkerVars {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  const parsed = WorkerVars.safeParse(strings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return SECRET_SETTINGS.has(name) ? `${name}: ${issue.message}` : `${name}: ${issue.message} (got ${JSON.stringify(strings[name])})`;
  });
  throw createError({ code: 'bad_input', status: 500, message: `Invalid Worker settings: ${problems.join('; ')}`, hint: 'Fix [vars] in wrangler.toml and deploy again.' });
}

/** A missing binding is a deploy mistake; say which one and where it is declared. */
export function assertBindings(env: Partial<WorkerEnv>): asserts env is WorkerEnv {
  const missing = (['DB', 'VECTORIZE'] as const).filter((name) => !env[name]);
  if (missing.length) {
    throw createError({ code: 'internal', message: `The Worker is missing its ${missing.join(' and ')} binding`, hint: 'Declare it in wrangler.toml (see docs/cloudflare.md).' });
  }
}
