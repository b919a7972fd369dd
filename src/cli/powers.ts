// `remit powers`: the powers cards as a terminal table with numbered quotes below, or JSON.
import { type Command, Option } from 'commander';
import { POWER_KINDS } from '../core/powers/kinds.js';
import type { PowersTable } from '../core/powers/schema.js';
import type { Document } from '../core/schema.js';
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
    .option('--rebuild', 'extract every document’s powers again (with Claude when ANTHROPIC_API_KEY is set) and commit the table first')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .action(async (flags: PowersFlags) => {
      const [{ PowersQuery }, { filterPowers }, { renderPowers }] = await Promise.all([import('../core/powers/schema.js'), import('../core/powers/extract.js'), import('../core/powers/render.js')]);
      const query = PowersQuery.parse({ regulator: flags.regulator, kind: flags.kind });
      const table = await loadTable(ctx, flags);
      const powers = filterPowers(table.powers, query);
      ctx.io.out(flags.json ? `${JSON.stringify({ ...table, powers }, null, 2)}\n` : renderPowers(powers, table));
    });
}

/** The table committed with the index (rebuilt first with --rebuild); computed by the rules for an index that predates it. */
async function loadTable(ctx: CliContext, flags: PowersFlags): Promise<PowersTable> {
  return withRuntime(ctx, flags, async (runtime) => {
    const rebuilt = flags.rebuild ? await (await import('../adapter/node/powers/rebuild.js')).rebuildPowersTable(runtime, (line) => ctx.io.err(`${line}\n`)) : null;
    const committed = rebuilt ?? (await runtime.store.powers?.());
    if (committed) return committed;
    const documents = await Promise.all((await runtime.store.listDocuments()).map((meta) => runtime.store.getDocument(meta.id)));
    const present = documents.filter((d): d is Document => d !== null);
    const { extractPowers } = await import('../core/powers/extract.js');
    return { version: 1, builtAt: runtime.info?.builtAt ?? new Date().toISOString(), extractor: 'rules', documents: present.length, powers: extractPowers(present) };
  });
}
