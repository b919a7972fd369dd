// Configuration from the environment, validated once at start-up; every bad variable is named with what it expects.
import { z } from 'zod';
import { RemitError } from '../../core/errors.js';
import { AnswerMode } from '../../core/schema.js';
import { byteSize, integerSetting, LOG_LEVELS, type LogLevel, SECRET_SETTINGS, SharedSettings } from '../../core/settings.js';
import { EmbedderKind } from './transformers/select.js';

export class ConfigError extends RemitError {
  constructor(readonly problems: { variable: string; expected: string }[]) {
    super({
      code: 'bad_input',
      message: `Invalid configuration: ${problems.map((p) => `${p.variable} ${p.expected}`).join('; ')}`,
      hint: 'Fix the environment variables named above and start again.',
      details: problems,
    });
    this.name = 'ConfigError';
  }
}

/** How long a client may take to send a whole request (30 s, ample for a 10 MB upload at 3 Mbit/s), and its headers (10 s). */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
/** The smallest heap a serving thread can start in: modules, the language model and WordNet take ~45 MB. */
export const MIN_HEAP_LIMIT_BYTES = 96 * 1024 * 1024;
/** 'auto' derives the serving thread's heap limit from the caches (serve-heap.ts), 'off' leaves V8's, or a size. */
const heapLimit = z.union([z.enum(['auto', 'off']), byteSize.pipe(z.number().min(MIN_HEAP_LIMIT_BYTES).max(64 * 1024 ** 3))]);
// bearerAuth only accepts RFC 6750 token characters; short tokens are guessable.
const adminToken = z.string().regex(/^[A-Za-z0-9._~+/-]{24,}=*$/, 'expected at least 24 characters of A-Z a-z 0-9 . _ ~ + / -');

const EnvSchema = SharedSettings.extend({
  PORT: integerSetting(0, 65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  REMIT_DB: z.string().min(1).default('.remit'),
  REMIT_ADMIN_TOKEN: adminToken.optional(),
  REMIT_BODY_LIMIT: byteSize.default(64 * 1024),
  REMIT_INGEST_BODY_LIMIT: byteSize.default(10 * 1024 * 1024),
  REMIT_TRUST_PROXY: flag.default(false),
  REMIT_FEEDBACK_FILE: z.string().min(1).optional(),
  REMIT_SHUTDOWN_TIMEOUT_MS: integerSetting(0, 600_000).default(10_000),
  // Node's own defaults (300 s for a request, 60 s for its headers) let a slow client hold a connection for minutes.
  REMIT_REQUEST_TIMEOUT_MS: integerSetting(100, 3_600_000).default(DEFAULT_REQUEST_TIMEOUT_MS),
  REMIT_HEADERS_TIMEOUT_MS: integerSetting(100, 3_600_000).optional(),
  REMIT_EMBEDDER: EmbedderKind.optional(),
  REMIT_MODEL_DIR: z.string().min(1).optional(),
  /** Where a server records the index it serves, for `remit ask` (serve-registry.ts); the CLI reads it unvalidated. */
  REMIT_RUNTIME_DIR: z.string().min(1).optional(),
  REMIT_HEAP_LIMIT: heapLimit.default('auto'),
}).superRefine((env, ctx) => {
  if (env.REMIT_MODE === 'claude' && !env.ANTHROPIC_API_KEY) {
    ctx.addIssue({ code: 'custom', path: ['REMIT_MODE'], message: 'is "claude", which needs ANTHROPIC_API_KEY to be set' });
  }
  // Node refuses a header timeout longer than the request timeout.
  if (env.REMIT_HEADERS_TIMEOUT_MS !== undefined && env.REMIT_HEADERS_TIMEOUT_MS > env.REMIT_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({ code: 'custom', path: ['REMIT_HEADERS_TIMEOUT_MS'], message: `must not be longer than REMIT_REQUEST_TIMEOUT_MS (${env.REMIT_REQUEST_TIMEOUT_MS})` });
  }
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  db: string;
  feedbackFile?: string;
  shutdownTimeoutMs: number;
  /** A request whose body has not arrived whole by then is answered 408 and its connection closed. */
  requestTimeoutMs: number;
  /** The same for the request line and headers (never longer than requestTimeoutMs). */
  headersTimeoutMs: number;
  /** Answers kept for repeated questions (0: none). */
  answerCacheEntries: number;
  /** Bytes of read chunks and documents kept across questions (reading-budget.ts). */
  readingCacheBytes: number;
  /** The serving thread's V8 heap limit: derived from the caches ('auto'), V8's own ('off'), or this many bytes. */
  heapLimit: 'auto' | 'off' | number;
  logLevel: LogLevel;
  mode?: AnswerMode;
  embedder?: EmbedderKind;
  modelDir?: string;
  /** Where the server records the index it serves for `remit ask`; by default a per-user folder in the temp dir. */
  runtimeDir?: string;
  anthropic: { apiKey?: string; baseURL?: string; model?: string };
  server: {
    adminToken?: string;
    corsOrigins: string[];
    rateLimitPerMinute: number;
    bodyLimitBytes: number;
    ingestBodyLimitBytes: number;
    trustProxy: boolean;
  };
}

/** Reads the variables Remit uses from `env` (pass process.env at the edge); throws a ConfigError naming each bad one. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`PORT=`) means unset, as in most shells' `${VAR:-default}`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    // One line per variable, even when several checks failed on it.
    const byVariable = new Map(parsed.error.issues.map((issue) => [String(issue.path[0]), describe(issue, env[String(issue.path[0])])] as const));
    throw new ConfigError([...byVariable].map(([variable, expected]) => ({ variable, expected })));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    db: e.REMIT_DB,
    feedbackFile: e.REMIT_FEEDBACK_FILE,
    shutdownTimeoutMs: e.REMIT_SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: e.REMIT_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: e.REMIT_HEADERS_TIMEOUT_MS ?? Math.min(DEFAULT_HEADERS_TIMEOUT_MS, e.REMIT_REQUEST_TIMEOUT_MS),
    answerCacheEntries: e.REMIT_ANSWER_CACHE,
    readingCacheBytes: e.REMIT_READING_CACHE,
    heapLimit: e.REMIT_HEAP_LIMIT,
    logLevel: e.LOG_LEVEL,
    mode: e.REMIT_MODE,
    embedder: e.REMIT_EMBEDDER,
    modelDir: e.REMIT_MODEL_DIR,
    runtimeDir: e.REMIT_RUNTIME_DIR,
    anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL, model: e.REMIT_MODEL },
    server: {
      adminToken: e.REMIT_ADMIN_TOKEN,
      corsOrigins: e.REMIT_CORS_ORIGINS,
      rateLimitPerMinute: e.REMIT_RATE_LIMIT,
      bodyLimitBytes: e.REMIT_BODY_LIMIT,
      ingestBodyLimitBytes: e.REMIT_INGEST_BODY_LIMIT,
      trustProxy: e.REMIT_TRUST_PROXY,
    },
  };
}

/** What each variable must look like, in words a person setting it can act on. */
const EXPECTED: Partial<Record<keyof Env, string>> = {
  PORT: 'must be an integer from 0 to 65535',
  REMIT_RATE_LIMIT: 'must be a whole number of requests per minute (0 turns limiting off)',
  REMIT_SHUTDOWN_TIMEOUT_MS: 'must be a whole number of milliseconds up to 600000',
  REMIT_REQUEST_TIMEOUT_MS: 'must be a whole number of milliseconds from 100 to 3600000',
  REMIT_HEADERS_TIMEOUT_MS: 'must be a whole number of milliseconds from 100 to 3600000',
  REMIT_ANSWER_CACHE: 'must be a whole number of answers up to 100000 (0 turns the answer cache off)',
  REMIT_TRUST_PROXY: 'must be 1, 0, true or false',
  REMIT_READING_CACHE: 'must be a size such as 64mb or 1gb, at most 16gb (0 keeps no readings)',
  REMIT_HEAP_LIMIT: 'must be auto, off, or a size from 96mb to 64gb such as 512mb',
  ANTHROPIC_BASE_URL: 'must be a URL such as https://api.anthropic.com',
  REMIT_MODE: `must be one of ${AnswerMode.options.join(', ')}`,
  REMIT_EMBEDDER: `must be one of ${EmbedderKind.options.join(', ')}`,
  LOG_LEVEL: `must be one of ${LOG_LEVELS.join(', ')}`,
};

/** "must be …" plus the value we got, except for secrets, which never reach a log. */
function describe(issue: z.core.$ZodIssue, value: string | undefined): string {
  const variable = String(issue.path[0]) as keyof Env;
  const expected = issue.code === 'custom' ? issue.message : (EXPECTED[variable] ?? `must be ${issue.message}`);
  return SECRET_SETTINGS.has(variable) || value === undefined ? expected : `${expected} (got ${JSON.stringify(value)})`;
}
