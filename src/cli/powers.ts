// `remit powers`: the powers cards as a terminal table with numbered quotes below, or JSON.
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { filterPowers } from '../core/powers/extract.js';
import { renderPowers } from '../core/powers/render.js';
import { POWER_KINDS, PowersQuery, type PowersTable } from '../core/powers/schema.js';
import { DEFAULT_DB_DIR } from '../adapter/node/runtime.js';
import { readPowersFile } from '../adapter/node/powers/powers-file.js';
import { refreshPowers } from '../adapter/node/powers/refresh.js';
import { type CliContext, type CommonFlags, withRuntime } from './context.js';

interface PowersFlags extends CommonFlags {
  regulator?: string;
  kind?: string;
  json?: boolean;
  rebuild?: boolean;
}

export function registerPowersCommand(program: Command, ctx: CliContext): void {
  program
    .command('powers')
    .description('What each regulator can do: one row per power, every field with its numbered source quote')
    .option('--regulator <name>', 'only this regulator (any part of the name, e.g. ofcom)')
    .addOption(new Option('--kind <kind>', 'only this kind of power').choices([...POWER_KINDS]))
    .option('--json', 'print JSON')
    .option('--rebuild', 'rebuild powers.json from the indexed documents first')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .action(async (flags: PowersFlags) => {
      const query = PowersQuery.parse({ regulator: flags.regulator, kind: flags.kind });
      const table = await loadTable(ctx, flags);
      const powers = filterPowers(table.powers, query);
      ctx.io.out(flags.json ? `${JSON.stringify({ ...table, powers }, null, 2)}\n` : renderPowers(powers, table));
    });
}

/** powers.json when present; otherwise (or with --rebuild) built from the index and saved. */
async function loadTable(ctx: CliContext, flags: PowersFlags): Promise<PowersTable> {
  const db = resolve(ctx.io.cwd, flags.db ?? ctx.io.env.REMIT_DB ?? DEFAULT_DB_DIR);
  const saved = flags.rebuild ? null : await readPowersFile(db);
  if (saved) return saved;
  const { env } = ctx.io;
  return withRuntime(ctx, flags, (runtime) =>
    refreshPowers(runtime, {
      db,
      anthropic: { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, model: env.REMIT_MODEL },
      warn: (line) => ctx.io.err(`${line}\n`),
    }),
  );
}
