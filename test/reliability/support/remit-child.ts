// Runs the real `remit` command (bin/remit.js) as a child process, as a user would, with the offline embedder.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/paths.js';

export const REMIT_BIN = join(REPO_ROOT, 'bin/remit.js');

export interface ChildRun {
  child: ChildProcess;
  /** Settles when the child exits (never rejects): its code or signal and what it printed. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }>;
}

export function startRemit(args: string[], env: Record<string, string> = {}): ChildRun {
  const started = performance.now();
  const child = spawn(process.execPath, [REMIT_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, REMIT_EMBEDDER: 'hashing', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<Awaited<ChildRun['exit']>>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - started })),
  );
  return { child, exit };
}

export const runRemit = (args: string[], env?: Record<string, string>) => startRemit(args, env).exit;
