// `remit powers`: the powers cards as a terminal table with numbered quotes below, or JSON.
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { filterPowers } from '../core/powers/extract.js';
import { describeLimit } from '../core/powers/limit.js';
import { type Power, type PowerCitation, type PowerField, POWER_KINDS, PowersQuery, type PowersTable } from '../core/powers/schema.js';
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

const COLUMNS: { title: string; field: PowerField; value: (p: Power) => string | undefined }[] = [
  { title: 'Regulator', field: 'regulator', value: (p) => p.regulator },
  { title: 'Power', field: 'kind', value: (p) => p.kind.replaceAll('_', ' ') + (p.scope ? ` (${p.scope})` : '') },
  { title: 'Statute', field: 'statute', value: (p) => p.statute },
  { title: 'Provision', field: 'section', value: (p) => p.section },
  { title: 'Limit', field: 'limit', value: (p) => (p.limit ? describeLimit(p.limit) : undefined) },
  { title: 'Decided by', field: 'decidedBy', value: (p) => p.decidedBy },
  { title: 'Status', field: 'status', value: (p) => (p.status ? `${p.status.replace('_', ' ')}${p.asOf ? ` ${p.asOf}` : ''}` : undefined) },
];

/** A fixed-width table; each filled cell ends with the number of its first quote, listed below. */
export function renderPowers(powers: readonly Power[], table: Pick<PowersTable, 'extractor' | 'builtAt' | 'documents'>): string {
  if (!powers.length) return 'No powers match.\n';
  const numbers = new Map<string, number>();
  const quotes: PowerCitation[] = [];
  const number = (c: PowerCitation) => {
    const id = `${c.docId}:${c.start}:${c.end}`;
    if (!numbers.has(id)) {
      quotes.push(c);
      numbers.set(id, quotes.length);
    }
    return numbers.get(id)!;
  };
  const rows = powers.map((p) =>
    COLUMNS.map(({ field, value }) => {
      const text = value(p);
      const first = p.citations[field]?.[0];
      return text === undefined ? '—' : `${text}${first ? ` [${number(first)}]` : ''}`;
    }),
  );
  const conflicts = powers.flatMap((p) =>
    p.conflicts.map((c) => `! ${p.regulator}, ${p.kind.replaceAll('_', ' ')}: sources disagree on ${c.field}: ${c.values.map((v) => `${v.value} [${number(v.citation)}]`).join(' vs ')}`),
  );
  const widths = COLUMNS.map((col, i) => Math.min(60, Math.max(col.title.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((cell, i) => fit(cell, widths[i]!)).join('  ').trimEnd();
  return [
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    ...(conflicts.length ? ['', ...conflicts] : []),
    '',
    ...quotes.map((c, i) => `[${i + 1}] ${c.title} (${c.origin}, ${c.start}-${c.end}): “${clip(c.quote, 220)}”`),
    '',
    `${powers.length} power(s); ${table.extractor} extraction over ${table.documents} document(s), built ${table.builtAt}. “—” means no source states it.`,
    '',
  ].join('\n');
}

/** Pads or shortens a cell, keeping its trailing [n] marker so every quote stays reachable. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  const marker = / \[\d+\]$/.exec(text)?.[0] ?? '';
  return `${text.slice(0, width - marker.length - 1)}…${marker}`;
}
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
