// What wrangler.toml binds into the Worker, and its plain-text settings validated once per isolate.
import type { D1Database, Vectorize } from '@cloudflare/workers-types';
import { z } from 'zod';
import { DEFAULT_ANSWER_CACHE_ENTRIES } from '../../core/answer-cache.js';
import { createError } from '../../core/errors.js';
import { AnswerMode } from '../../core/schema.js';
import { LOG_LEVELS } from '../../http/logger.js';
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

const integer = (min: number, max: number) => z.coerce.number<string>().int().min(min).max(max);

/** The [vars] of wrangler.toml; names and meanings match the Node variables in src/adapter/node/config.ts. */
export const WorkerVars = z.object({
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Route Claude calls through Cloudflare AI Gateway (or a test stand-in); the SDK's default otherwise. */
  ANTHROPIC_BASE_URL: z.url().optional(),
  REMIT_MODEL: z.string().min(1).optional(),
  REMIT_MODE: AnswerMode.optional(),
  REMIT_CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine((o) => URL.canParse(o) && new URL(o).origin === o, 'expected origins such as https://example.com')))
    .default([]),
  REMIT_RATE_LIMIT: integer(0, 1_000_000).default(60),
  /** Answers kept per isolate for repeated questions (0 turns the cache off); an import changes the key, so none goes stale. */
  REMIT_ANSWER_CACHE: integer(0, 100_000).default(DEFAULT_ANSWER_CACHE_ENTRIES),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});
export type WorkerVars = z.infer<typeof WorkerVars>;

const SECRETS = new Set(['ANTHROPIC_API_KEY']);

/** Reads the string settings from `env` (bindings are objects and are skipped); names each bad one. */
export function readWorkerVars(env: WorkerEnv): WorkerVars {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  const parsed = WorkerVars.safeParse(strings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return SECRETS.has(name) ? `${name}: ${issue.message}` : `${name}: ${issue.message} (got ${JSON.stringify(strings[name])})`;
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
