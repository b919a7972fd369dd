// Workers entry: the same Hono app as Node, wired to the D1, Vectorize and Workers AI bindings of wrangler.toml.
import type { ExecutionContext } from '@cloudflare/workers-types';
import type { WorkerEnv } from './bindings.js';
import { createWorkerApp } from './create-worker-app.js';
import type { RemitApp } from '../../http/env.js';

// One app per isolate: bindings do not change between requests, and building the app costs a few milliseconds.
let app: RemitApp | undefined;

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= createWorkerApp(env);
    return app.fetch(request, env, ctx);
  },
};
