// Bundles the widget into one minified browser script with esbuild (Node only; Workers deploys ship the built file).
import { join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from './package-root.js';

// From the package root, so the path holds inside the CLI bundle too.
export const WIDGET_ENTRY = join(PACKAGE_ROOT, 'src/widget/embed.ts');

export interface BuiltWidget {
  js: string;
}

export async function buildWidget(options: { minify?: boolean } = {}): Promise<BuiltWidget> {
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox114', 'safari16.4'],
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the widget');
  return { js: output.text };
}
