// A real `remit serve` in its own process for the benches that load it over HTTP (soak, http-size): the load
// generator then never shares the server's event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/paths.js';

export const REMIT_CLI = join(REPO_ROOT, 'bin/remit.js');

/** The server's environment: the offline embedder, no rate limit and no request logs, on a free port. */
export const serverEnv = (db: string): NodeJS.ProcessEnv => ({
  ...process.env,
  REMIT_EMBEDDER: 'hashing',
  REMIT_DB: db,
  REMIT_RATE_LIMIT: '0',
  LOG_LEVEL: 'silent',
  PORT: '0',
});

/** Starts `remit serve` and resolves with its URL once it prints it. */
export function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REMIT_CLI, 'serve', '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`remit serve exited ${code} before listening: ${err}`)));
  });
}

/** Stops the server gracefully (SIGTERM) and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
