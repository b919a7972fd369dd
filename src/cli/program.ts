// The `remit` program: commands registered from their own modules; errors mapped to exit codes here only.
import { Command, CommanderError } from 'commander';
import { isRemitError } from '../core/errors.js';
import { registerAskCommand } from './ask.js';
import { type CliContext, createCliContext } from './context.js';
import { registerExportCommand } from './export.js';
import { registerIngestCommand } from './ingest.js';
import { registerPowersCommand } from './powers.js';
import type { CliIO } from './io.js';
import { registerEvalCommand } from './eval.js';
import { registerServeCommand } from './serve.js';
import { registerSourcesCommands } from './sources.js';
import { registerStartCommand } from './start.js';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('remit')
    .description('Answers about regulators’ powers, every claim cited to the exact passage of a source')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  registerIngestCommand(program, ctx);
  registerAskCommand(program, ctx);
  registerSourcesCommands(program, ctx);
  registerExportCommand(program, ctx);
  registerServeCommand(program, { ctx });
  registerStartCommand(program, ctx);
  registerEvalCommand(program, ctx);
  registerPowersCommand(program, ctx);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 usage error, 1 failure, each with a one-line message. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const program = buildProgram(createCliContext(io));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (and help) for usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isRemitError(error)) {
      io.err(`remit: ${error.toLine()}\n`);
      return error.code === 'bad_input' ? EXIT.usage : EXIT.failure;
    }
    io.err(`remit: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}
