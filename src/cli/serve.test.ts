import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureIndex, type FixtureIndex } from '../../test/support/fixture-index.js';
import { type RunningServer, serve } from '../adapter/node/serve.js';
import { createCliContext } from './context.js';
import type { CliIO } from './io.js';
import { registerServeCommand } from './serve.js';

let fixture: FixtureIndex;
beforeAll(async () => (fixture = await buildFixtureIndex()));
afterAll(() => fixture?.cleanup());

function setup(env: Record<string, string>) {
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: () => {}, isTTY: false, env: { LOG_LEVEL: 'silent', ...env }, cwd: process.cwd() };
  let started!: (running: RunningServer) => void;
  const running = new Promise<RunningServer>((resolve) => (started = resolve));
  const program = new Command().exitOverride();
  registerServeCommand(program, {
    ctx: createCliContext(io),
    serve: async (options) => {
      const server = await serve({ ...options, handleSignals: false, logWrite: () => {} });
      started(server);
      return server;
    },
  });
  return { program, running, out };
}

describe('remit serve', () => {
  it('serves the index named by --db on --port and returns once closed', async () => {
    const { program, running, out } = setup({});
    const command = program.parseAsync(['serve', '--port', '0', '--db', fixture.dir], { from: 'user' });
    const server = await running;
    expect(out.join('')).toContain(`listening on ${server.url}`);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok', documents: 5 });
    await server.close();
    await expect(command).resolves.toBeDefined();
  });

  it('rejects a bad port with a message naming it', async () => {
    const { program } = setup({});
    await expect(program.parseAsync(['serve', '--port', 'http', '--db', fixture.dir], { from: 'user' })).rejects.toThrow(/PORT must be an integer/);
  });
});
