// Shared by every command: IO, and how to open the runtime from the common flags. The runtime (LanceDB, the
// embedders, the answerers) is imported only when a command opens it, so help and usage errors never load it.
import { resolve } from 'node:path';
import { DEFAULT_DB_DIR } from '../adapter/node/db-dir.js';
import { defaultModelDir } from '../adapter/node/transformers/hub.js';
import type { EmbedderKind } from '../adapter/node/transformers/select.js';
import type { Runtime, RuntimeOptions } from '../adapter/node/runtime.js';
import type { CliIO } from './io.js';

export interface CommonFlags {
  db?: string;
  embedder?: EmbedderKind;
  modelDir?: string;
}

export interface CliContext {
  io: CliIO;
  openRuntime(flags: CommonFlags, extra?: Partial<RuntimeOptions>): Promise<Runtime>;
}

export function createCliContext(io: CliIO): CliContext {
  return {
    io,
    openRuntime: async (flags, extra) =>
      (await import('../adapter/node/runtime.js')).openRuntime({
        db: indexDir(io, flags),
        embedder: flags.embedder ?? (io.env.REMIT_EMBEDDER as EmbedderKind | undefined),
        modelDir: flags.modelDir ?? io.env.REMIT_MODEL_DIR ?? defaultModelDir(io.env),
        // On by default: a connected machine fetches the model once; an offline one learns so within a second or two.
        allowRemoteModels: !['0', 'false'].includes(io.env.REMIT_ALLOW_REMOTE_MODELS?.trim() ?? ''),
        hubUrl: io.env.HF_ENDPOINT?.trim() || undefined,
        mode: io.env.REMIT_MODE as RuntimeOptions['mode'],
        anthropic: { apiKey: io.env.ANTHROPIC_API_KEY, baseURL: io.env.ANTHROPIC_BASE_URL, model: io.env.REMIT_MODEL },
        warn: (line) => io.err(`${line}\n`),
        ...extra,
      }),
  };
}

/** The index folder the flags and environment name, resolved against the working directory. */
export const indexDir = (io: CliIO, flags: CommonFlags): string => resolve(io.cwd, flags.db ?? io.env.REMIT_DB ?? DEFAULT_DB_DIR);

/** Runs `use` with an open runtime and always closes it. */
export async function withRuntime<T>(ctx: CliContext, flags: CommonFlags, use: (runtime: Runtime) => Promise<T>, extra?: Partial<RuntimeOptions>): Promise<T> {
  const runtime = await ctx.openRuntime(flags, extra);
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}
