// Runs a bench script in a child process (so its peak RSS is its own): progress goes to our stderr, its RESULT line
// is returned. A child that outlives `timeoutMs` is stopped, and the call fails saying so.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/paths.js';
import { RESULT_PREFIX } from './measure.js';

export interface ChildOptions {
  nodeArgs?: string[];
  /** Default 30 minutes: a hung child (e.g. a native deadlock) fails the run instead of stalling it. */
  timeoutMs?: number;
  /** A command the child runs under (e.g. perf record ... --). */
  wrap?: string[];
  /** Lines of the child's stdout other than the RESULT (progress a caller wants to read back). */
  onLine?: (line: string) => void;
}

export class ChildTimeout extends Error {}

export function benchChild<T>(script: string, args: string[], options: ChildOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  return new Promise((resolve, reject) => {
    const node = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', join(REPO_ROOT, 'bench', script), ...args];
    const [command, ...commandArgs] = [...(options.wrap ?? []), ...node];
    const proc = spawn(command!, commandArgs, {
      cwd: REPO_ROOT,
      env: { ...process.env, LANCEDB_LOG: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, timeoutMs);
    let out = '';
    let pending = '';
    proc.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (!line.startsWith(RESULT_PREFIX)) options.onLine?.(line);
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (timedOut) reject(new ChildTimeout(`bench/${script} ${args.join(' ')} did not finish in ${Math.round(timeoutMs / 1000)} s`));
      else if (code !== 0 || !line) reject(new Error(`bench/${script} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}
