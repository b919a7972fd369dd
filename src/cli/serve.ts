// `remit serve`: the HTTP API on PORT until SIGTERM/SIGINT, with config from the environment (flags override).
import type { Command } from 'commander';
import type { Runtime } from '../adapter/node/runtime.js';
import type { CreateAppOptions } from '../http/app.js';
import type { RunningServer, ServeOptions } from '../adapter/node/serve.js';
import { CommandExit } from './command-exit.js';
import type { CliContext } from './context.js';

interface ServeFlags {
  port?: string;
  host?: string;
  db?: string;
}

export interface ServeCommandDeps {
  ctx: CliContext;
  /** Runs before listening with the open runtime, e.g. `npm start` ingesting the default corpus when the index is stale. */
  prepare?: (runtime: Runtime) => Promise<void>;
  serve?: (options: ServeOptions) => Promise<RunningServer>;
  /** Extra app options, e.g. `pages` mounting the chat page and widget. */
  app?: () => Promise<CreateAppOptions>;
}

/** The chat page at / and the embeddable /widget.js, bundled from src/widget at start-up and held in memory. */
async function chatPages(): Promise<CreateAppOptions> {
  const [{ buildWidget }, { widgetRoutes }] = await Promise.all([import('../adapter/node/widget-bundle.js'), import('../http/widget-routes.js')]);
  return { pages: widgetRoutes({ widgetJs: (await buildWidget()).js }) };
}

export function registerServeCommand(program: Command, deps: ServeCommandDeps): void {
  const { ctx } = deps;
  program
    .command('serve')
    .description('Serve the HTTP API (and docs at /docs) until stopped; config from PORT, HOST, REMIT_* variables')
    .option('--port <port>', 'port to listen on (default $PORT or 8787; 0 picks a free one)')
    .option('--host <host>', 'interface to bind (default $HOST or 127.0.0.1)')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .action(async (flags: ServeFlags, command: Command) => {
      // Flags go through the same validation as the variables they override.
      const { loadConfig } = await import('../adapter/node/config.js');
      const config = loadConfig({ ...ctx.io.env, PORT: flags.port ?? ctx.io.env.PORT, HOST: flags.host ?? ctx.io.env.HOST, REMIT_DB: flags.db ?? ctx.io.env.REMIT_DB });
      // The real command (no server injected) serves from a thread with a heap limit that follows its caches; that
      // thread runs this same command, and being no main thread, serves below.
      const { isMainThread } = await import('node:worker_threads');
      if (isMainThread && !deps.serve) {
        const { serveHeapLimitMb } = await import('../adapter/node/serve-heap.js');
        const heapLimitMb = serveHeapLimitMb(config, ctx.io.env, process.execArgv);
        if (heapLimitMb !== undefined) {
          const { serveOnThread } = await import('../adapter/node/serve-thread.js');
          const argv = [command.name(), ...Object.entries(flags).flatMap(([name, value]) => (value === undefined ? [] : [`--${name}`, String(value)]))];
          const code = await serveOnThread({ argv, env: ctx.io.env, heapLimitMb, err: (line) => ctx.io.err(line) });
          if (code !== 0) throw new CommandExit(code);
          return;
        }
      }
      const runtime = await ctx.openRuntime({ db: config.db, embedder: config.embedder, modelDir: config.modelDir }, { mode: config.mode, answerCache: config.answerCacheEntries, readingCache: config.readingCacheBytes });
      try {
        await deps.prepare?.(runtime);
      } catch (error) {
        await runtime.close();
        throw error;
      }
      const app = await (deps.app ?? chatPages)();
      const serve = deps.serve ?? (await import('../adapter/node/serve.js')).serve;
      const running = await serve({ config, runtime, app, out: (line) => ctx.io.out(`${line}\n`) });
      await running.closed;
    });
}
