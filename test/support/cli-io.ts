// A CliIO that records what a command prints, for running the CLI in-process.
import type { CliIO } from '../../src/cli/io.js';

export type CapturedIO = CliIO & { stdout: string; stderr: string };

/**
 * Offline by default (hashing embedder); `given` is the whole environment the command sees, except that the Hugging
 * Face hub is never asked unless `given` sets REMIT_ALLOW_REMOTE_MODELS itself.
 */
export function captureIO(given: Record<string, string | undefined> = { REMIT_EMBEDDER: 'hashing' }): CapturedIO {
  const env = { REMIT_ALLOW_REMOTE_MODELS: '0', ...given };
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
