// Node entry of the `remit` command.
import { nodeIO } from './io.js';
import { runCli } from './program.js';

export const main = (argv: readonly string[]): Promise<number> => {
  // A reader that stops early (`remit ask … | head`) closes the pipe: stop quietly, as Unix tools do, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  return runCli(argv, nodeIO());
};
