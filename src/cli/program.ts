// The `remit` program: commands registered from their own modules; errors mapped to exit codes here only.
import { Command, CommanderError } from 'commander';
import { isRemitError } from '../core/errors.js';
import { CommandExit } from './command-exit.js';
import { type CliContext, createCliContext } from './context.js';
import type { CliIO } from './io.js';

type Register = (program: Command, ctx: CliContext) => void;

// Each command's module is imported only when that command runs (all of them for help), so `remit ask` does not load
// the HTTP server, the eval reports or the exporter.
const COMMANDS: Record<string, () => Promise<Register>> = {
  ingest: () => import('./ingest.js').then((m) => m.registerIngestCommand),
  ask: () => import('./ask.js').then((m) => m.registerAskCommand),
  sources: () => import('./sources.js').then((m) => m.registerSourcesCommands),
  source: () => import('./sources.js').then((m) => m.registerSourcesCommands),
  export: () => import('./export.js').then((m) => m.registerExportCommand),
  serve: () => import('./serve.js').then((m): Register => (program, ctx) => m.registerServeCommand(program, { ctx })),
  start: () => import('./start.js').then((m) => m.registerStartCommand),
  eval: () => import('./eval.js').then((m) => m.registerEvalCommand),
  powers: () => import('./powers.js').then((m) => m.registerPowersCommand),
  mcp: () => import('./mcp.js').then((m): Register => (program, ctx) => m.registerMcpCommand(program, { ctx })),
};

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export async function buildProgram(ctx: CliContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('remit')
    .description('Answers about regulators’ powers, every claim cited to the exact passage of a source')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  const named = argv.find((arg) => !arg.startsWith('-'));
  const wanted = named && COMMANDS[named] ? [named] : Object.keys(COMMANDS);
  const registered = new Set<Register>();
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) {
    if (!registered.has(register)) register(program, ctx);
    registered.add(register);
  }
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 usage error, 1 failure, each with a one-line message. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const program = await buildProgram(createCliContext(io), argv);
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (and help) for usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CommandExit) return error.exitCode;
    if (isRemitError(error)) {
      io.err(`remit: ${error.toLine()}\n`);
      return error.code === 'bad_input' ? EXIT.usage : EXIT.failure;
    }
    io.err(`remit: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}
