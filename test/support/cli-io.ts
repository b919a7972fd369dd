// A CliIO that records what a command prints, for running the CLI in-process.
import type { CliIO } from '../../src/cli/io.js';

export type CapturedIO = CliIO & { stdout: string; stderr: string };

/** Offline by default (hashing embedder); `env` replaces nothing else of the test process's environment. */
export function captureIO(env: Record<string, string | undefined> = { REMIT_EMBEDDER: 'hashing' }): CapturedIO {
  const io: CapturedIO = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
    isTTY: false,
    env,
    cwd: process.cwd(),
  };
  return io;
}
