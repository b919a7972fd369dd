// Node entry of the `remit` command.
import { nodeIO } from './cli/io.js';
import { runCli } from './cli/program.js';

export const main = (argv: readonly string[]): Promise<number> => runCli(argv, nodeIO());
