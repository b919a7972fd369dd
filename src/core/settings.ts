// The settings both runtimes read (Node from the environment, Workers from wrangler.toml's [vars]): one schema, so a
// variable means the same thing wherever Remit runs. Each runtime extends it with its own.
import { z } from 'zod';
import { DEFAULT_ANSWER_CACHE_ENTRIES } from './answer-cache.js';
import { DEFAULT_READING_CACHE_BYTES } from './reading-budget.js';
import { AnswerMode } from './schema.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const BYTE_SIZE = /^(\d+)\s*(b|kb|mb|gb)?$/i;
/** "65536", "64kb", "10mb", "1gb": a size in bytes. */
export const byteSize = z
  .string()
  .regex(BYTE_SIZE, 'expected a size such as 65536, 64kb or 10mb')
  .transform((v) => {
    const [, n, unit] = BYTE_SIZE.exec(v)!;
    return Number(n) * ({ kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit?.toLowerCase() ?? ''] ?? 1);
  });

/** A whole number from a string variable. */
export const integerSetting = (min: number, max: number) => z.coerce.number<string>().int().min(min).max(max);

/** "https://a.example, https://b.example": origins only (scheme and host, no path). */
export const originsSetting = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().refine((o) => URL.canParse(o) && new URL(o).origin === o, 'expected origins such as https://example.com (scheme and host, no path)')));

export const SharedSettings = z.object({
  /** Unset means extractive (offline) answers. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Route Claude calls through a gateway (Cloudflare AI Gateway) or a test stand-in; the SDK's default otherwise. */
  ANTHROPIC_BASE_URL: z.url().optional(),
  REMIT_MODEL: z.string().min(1).optional(),
  REMIT_MODE: AnswerMode.optional(),
  REMIT_CORS_ORIGINS: originsSetting.default([]),
  REMIT_RATE_LIMIT: integerSetting(0, 1_000_000).default(60),
  /** Answers kept for repeated questions (0 turns the cache off); an ingest or import changes the key, so none goes stale. */
  REMIT_ANSWER_CACHE: integerSetting(0, 100_000).default(DEFAULT_ANSWER_CACHE_ENTRIES),
  /**
   * Bytes of read chunks and documents kept across questions (reading-budget.ts): bounded by bytes, so a server's
   * memory follows from it. 0 keeps none; at most 16 GB.
   */
  REMIT_READING_CACHE: byteSize.pipe(z.number().max(16 * 1024 ** 3)).default(DEFAULT_READING_CACHE_BYTES),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});
export type SharedSettings = z.infer<typeof SharedSettings>;

/** Variables whose values never reach a message or a log. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set(['ANTHROPIC_API_KEY', 'REMIT_ADMIN_TOKEN']);
