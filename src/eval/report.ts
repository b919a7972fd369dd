// Renders an EvalReport for people: a terminal table, JSON, the worst cases; the HTML report lives in report-html.ts.
import type { Comparison } from './compare.js';
import type { Breach } from './gate.js';
import { formatMetric, METRICS, type MetricInfo } from './metrics.js';
import { type CaseResult, type EvalReport, reportSets } from './report-schema.js';

export { renderHtmlReport } from './report-html.js';
export { formatMetric };

const formatDelta = (delta: number | null, unit: MetricInfo['unit']): string =>
  delta === null ? '' : `${delta >= 0 ? '+' : '−'}${formatMetric(Math.abs(delta), unit)}`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Metrics down; overall, each split and each dataset across, with the baseline delta when there is one. */
export function renderMetricTable(report: EvalReport, comparison?: Comparison): string {
  const sets = reportSets(report);
  const header = ['Metric', ...sets.map((s) => s.name), ...(comparison ? ['Δ baseline'] : [])];
  const rows = METRICS.map((info) => [
    info.label,
    ...sets.map((s) => formatMetric(s.metrics[info.key], info.unit)),
    ...(comparison ? [formatDelta(comparison.deltas.find((d) => d.key === info.key)?.delta ?? null, info.unit)] : []),
  ]);
  const cases = ['Cases', ...sets.map((s) => String(s.metrics.cases)), ...(comparison ? [''] : [])];
  return table([header, cases, ...rows]);
}

/** Failing cases, most reasons first: where to look before anything else. */
export function worstCases(report: EvalReport, count = 5): CaseResult[] {
  return report.cases
    .filter((c) => !c.pass)
    .sort((a, b) => b.reasons.length - a.reasons.length || (a.scores.factRecall ?? 1) - (b.scores.factRecall ?? 1) || a.id.localeCompare(b.id))
    .slice(0, count);
}

/** The whole terminal summary: how the run was made, the table, the worst cases, the baseline changes and the gate. */
export function renderTerminalReport(report: EvalReport, extras: { comparison?: Comparison; breaches?: Breach[]; worst?: number } = {}): string {
  const { comparison, breaches } = extras;
  const parts = [
    `Eval: ${report.overall.cases} cases from ${report.datasets.join(', ')} · ${report.mode} answers · k=${report.k} · judge ${report.judge}`,
    '',
    renderMetricTable(report, comparison),
  ];
  const worst = worstCases(report, extras.worst ?? 5);
  if (worst.length) {
    parts.push('', `Worst cases (${report.cases.filter((c) => !c.pass).length} failing):`);
    for (const c of worst) parts.push(`  ✗ ${c.dataset}/${c.id}: ${c.question}`, ...c.reasons.slice(0, 3).map((r) => `      - ${r.detail}`));
  }
  if (comparison) {
    parts.push('', `Against the baseline of ${comparison.baselineCreatedAt}:`);
    for (const caveat of comparison.caveats) parts.push(`  ! ${caveat}`);
    if (!comparison.changed.length) parts.push('  no case changed pass/fail');
    for (const c of comparison.changed) parts.push(`  ${c.after ? '✓ now passes' : '✗ now fails '} ${c.key}${c.reason ? ` (${c.reason})` : ''}`);
    if (comparison.added.length) parts.push(`  new cases: ${comparison.added.join(', ')}`);
    if (comparison.removed.length) parts.push(`  removed cases: ${comparison.removed.join(', ')}`);
  }
  if (breaches) {
    parts.push('', breaches.length ? 'Gate: FAILED' : 'Gate: passed');
    for (const b of breaches) {
      const unit = METRICS.find((m) => m.key === b.key)!.unit;
      parts.push(`  ${b.label} ${formatMetric(b.value, unit)} is ${b.bound === 'min' ? 'below the minimum' : 'above the maximum'} ${formatMetric(b.limit, unit)}`);
    }
  }
  return `${parts.join('\n')}\n`;
}

export const renderJsonReport = (report: EvalReport): string => `${JSON.stringify(report, null, 2)}\n`;
