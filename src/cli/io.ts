// What a command needs from its process, injected so commands run in-process in tests.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colour). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const nodeIO = (): CliIO => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
