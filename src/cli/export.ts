// `remit export --target cloudflare --out DIR`: writes what wrangler imports into D1 and Vectorize, and prints the steps.
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DEFAULT_DB_DIR } from '../adapter/node/db-dir.js';
import type { CliContext } from './context.js';

interface ExportFlags {
  target: 'cloudflare';
  out: string;
  db?: string;
  d1Name?: string;
  vectorizeName?: string;
  json?: boolean;
}

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('Export the index for another platform: D1 SQL, Vectorize NDJSON and a manifest for Cloudflare Workers')
    .addOption(new Option('--target <platform>', 'where the index will be served').choices(['cloudflare']).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder to write the export into')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .option('--d1-name <name>', 'D1 database name used in the printed commands', 'remit')
    .option('--vectorize-name <name>', 'Vectorize index name used in the printed commands', 'remit-chunks')
    .option('--json', 'print the manifest as JSON')
    .action(async (flags: ExportFlags) => {
      const { io } = ctx;
      const out = resolve(io.cwd, flags.out);
      const [{ readLanceIndex }, { exportForCloudflare }] = await Promise.all([import('../adapter/node/lancedb/read-index.js'), import('../adapter/cloudflare/export/cloudflare-export.js')]);
      const snapshot = await readLanceIndex(resolve(io.cwd, flags.db ?? io.env.REMIT_DB ?? DEFAULT_DB_DIR));
      const manifest = await exportForCloudflare(snapshot, {
        out,
        displayDir: flags.out,
        d1Database: flags.d1Name,
        vectorizeIndex: flags.vectorizeName,
      });
      if (flags.json) return io.out(`${JSON.stringify(manifest, null, 2)}\n`);
      io.out(
        [
          `Exported ${manifest.documents} documents and ${manifest.chunks} chunks (${manifest.embedder}, ${manifest.dimensions} dimensions) to ${out}`,
          `Queries will be embedded by: ${manifest.queryEmbedder}`,
          'Deploy from the folder holding wrangler.toml (set its database_id and index_name to match; see docs/cloudflare.md):',
          ...manifest.commands.map((command) => `  ${command}`),
          '',
        ].join('\n'),
      );
    });
}
