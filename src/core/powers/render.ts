// The powers table as plain text: one fixed-width row per power, every filled cell numbered to its quote, the quotes
// listed below. The CLI prints it; the MCP list_powers tool returns it beside the structured table.
import { describeLimit } from './limit.js';
import type { Power, PowerCitation, PowerField, PowersTable } from './schema.js';

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
