// The built Worker bundle running in workerd through Miniflare: real D1 (SQLite) locally, Vectorize served by a Node stand-in.
import { dirname } from 'node:path';
import { Miniflare, type Request as MiniflareRequest, Response as MiniflareResponse } from 'miniflare';
import type { ExactVectorIndex } from './exact-vector-index.js';

export interface LocalWorkerOptions {
  /** worker.js from `wrangler deploy --dry-run --outdir` (text modules beside it, prompts and widget, are found by their imports). */
  entry: string;
  compatibilityDate: string;
  d1DatabaseId: string;
  /** The `v3/d1` folder of `wrangler d1 execute --local --persist-to <dir>`. */
  d1Persist: string;
  vectors: ExactVectorIndex;
  vars?: Record<string, string>;
}

/**
 * Vectorize has no local simulation (Miniflare only proxies it to a real account), so the Worker's VECTORIZE binding
 * is a wrapped binding: `query()` in workerd forwards to a Node function that searches the exported vectors exactly.
 */
const VECTORIZE_FACADE = `
export default function (env) {
  return {
    async query(vector, options) {
      const response = await env.SEARCH.fetch('http://vectorize.local/query', {
        method: 'POST',
        body: JSON.stringify({ vector: Array.from(vector), options }),
      });
      if (!response.ok) throw new Error(await response.text());
      return response.json();
    },
  };
}`;

export function createLocalWorker(options: LocalWorkerOptions): Miniflare {
  return new Miniflare({
    workers: [
      {
        name: 'remit',
        modules: true,
        scriptPath: options.entry,
        // Module names are paths relative to this root; the bundle lives in a temp folder outside the repo.
        modulesRoot: dirname(options.entry),
        // The text modules of wrangler.toml's rules, under the hashed names wrangler gives them in the bundle.
        modulesRules: [{ type: 'Text', include: ['**/*.md', '**/*-widget.js'] }],
        compatibilityDate: options.compatibilityDate,
        d1Databases: { DB: options.d1DatabaseId },
        wrappedBindings: { VECTORIZE: 'vectorize-standin' },
        bindings: options.vars ?? {},
      },
      {
        name: 'vectorize-standin',
        modules: true,
        script: VECTORIZE_FACADE,
        serviceBindings: {
          async SEARCH(request: MiniflareRequest) {
            const { vector, options: query } = (await request.json()) as { vector: number[]; options: Parameters<ExactVectorIndex['query']>[1] };
            try {
              return new MiniflareResponse(JSON.stringify(await options.vectors.query(vector, query)), { headers: { 'Content-Type': 'application/json' } });
            } catch (error) {
              return new MiniflareResponse(String(error), { status: 400 });
            }
          },
        },
      },
    ],
    d1Persist: options.d1Persist,
  });
}
