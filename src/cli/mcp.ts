// `remit mcp`: Remit as tools for an assistant (search_sources, ask, get_source, list_powers and the sources as
// resources), over the Model Context Protocol on stdin and stdout. Configured like `remit serve`, from REMIT_* and
// ANTHROPIC_* variables; logs go to stderr as JSON lines, since stdout is the protocol.
import type { Command } from 'commander';
import type { McpStdioOptions, RunningMcpStdio } from '../adapter/node/mcp-stdio.js';
import type { CliContext } from './context.js';

export interface McpCommandDeps {
  ctx: CliContext;
  /** Tests serve on their own streams. */
  serve?: (options: McpStdioOptions) => Promise<RunningMcpStdio>;
}

export function registerMcpCommand(program: Command, deps: McpCommandDeps): void {
  const { ctx } = deps;
  program
    .command('mcp')
    .description('Serve Remit to an assistant over MCP on stdin/stdout until the client disconnects; config from REMIT_*, ANTHROPIC_* variables')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .action(async (flags: { db?: string }) => {
      const [{ loadConfig }, { createJsonLogger }] = await Promise.all([import('../adapter/node/config.js'), import('../http/logger.js')]);
      const config = loadConfig({ ...ctx.io.env, REMIT_DB: flags.db ?? ctx.io.env.REMIT_DB });
      const logger = createJsonLogger({ level: config.logLevel, write: (line) => ctx.io.err(line) });
      const runtime = await ctx.openRuntime({ db: config.db, embedder: config.embedder, modelDir: config.modelDir }, { mode: config.mode, answerCache: config.answerCacheEntries });
      const info = await runtime.store.info();
      if (!info?.documents) logger.warn('the index is empty: tools will find nothing until `remit ingest <paths>` fills it', { db: runtime.db });
      const serve = deps.serve ?? (await import('../adapter/node/mcp-stdio.js')).serveMcpStdio;
      const running = await serve({ runtime, logger }).catch(async (error: unknown) => {
        await runtime.close();
        throw error;
      });
      await running.closed;
    });
}
