// The self-contained HTML report: inline CSS and SVG only, every text escaped, one <details> per case.
import type { Comparison } from './compare.js';
import type { Breach } from './gate.js';
import { barChart, escapeHtml as e } from './html.js';
import { formatMetric, METRICS } from './metrics.js';
import { type CaseResult, type EvalReport, type Metrics, reportSets } from './report-schema.js';

const PALETTE = ['#2b6cb0', '#d69e2e', '#38a169', '#805ad5', '#dd6b20', '#319795'];
const BASELINE_COLOR = '#a0aec0';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#1a202c}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #e2e8f0;text-align:right}
td:first-child,th:first-child{text-align:left}
.up{color:#2f855a}.down{color:#c53030}.meta{color:#4a5568}
svg text{font:12px system-ui,sans-serif;fill:#2d3748}svg text.v{fill:#4a5568;font-size:11px}
details{border:1px solid #e2e8f0;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
summary{cursor:pointer}.pass{color:#2f855a}.fail{color:#c53030}
blockquote{margin:.3rem 0;padding:.2rem .6rem;border-left:3px solid #cbd5e0;color:#2d3748;white-space:pre-wrap}
.answer{white-space:pre-wrap;background:#f7fafc;padding:.5rem;border-radius:4px}
.bad{color:#c53030}.ok{color:#2f855a}ul{margin:.2rem 0}
`;

export interface HtmlReportExtras {
  comparison?: Comparison;
  baseline?: EvalReport;
  breaches?: Breach[];
}

export function renderHtmlReport(report: EvalReport, extras: HtmlReportExtras = {}): string {
  const { comparison, baseline, breaches } = extras;
  const failing = report.cases.filter((c) => !c.pass).length;
  const body = [
    `<h1>Remit eval: ${e(report.datasets.join(', '))}</h1>`,
    `<p class="meta">${report.overall.cases} cases · ${failing} failing · ${e(report.mode)} answers · k=${report.k} · support judged by ${e(report.judge)} · ${e(report.createdAt)}</p>`,
    breaches ? gateSection(breaches) : '',
    charts(report, baseline),
    metricTable(report, comparison),
    comparison ? comparisonSection(comparison) : '',
    `<h2>Cases</h2>`,
    ...report.cases.map(caseDetails),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Remit eval report</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`;
}

function series(report: EvalReport, baseline?: EvalReport): { name: string; color: string; metrics: Metrics }[] {
  const colored = reportSets(report).map((s, i) => ({ ...s, color: PALETTE[i % PALETTE.length]! }));
  return baseline ? [...colored, { name: 'baseline', color: BASELINE_COLOR, metrics: baseline.overall }] : colored;
}

function charts(report: EvalReport, baseline?: EvalReport): string {
  const all = series(report, baseline);
  const ratio = METRICS.filter((m) => m.unit === 'ratio');
  const latency = METRICS.filter((m) => m.unit === 'ms');
  const maxMs = Math.max(1, ...all.flatMap((s) => latency.map((m) => s.metrics[m.key] ?? 0)));
  return [
    '<h2>Metrics</h2>',
    barChart({
      title: 'Quality metrics (0 to 1, higher is better)',
      series: all,
      rows: ratio.map((m) => ({ label: m.label, values: all.map((s) => s.metrics[m.key]) })),
      max: 1,
      format: (v) => v.toFixed(2),
    }),
    barChart({
      title: 'Latency per question (lower is better)',
      series: all,
      rows: latency.map((m) => ({ label: m.label, values: all.map((s) => s.metrics[m.key]) })),
      max: maxMs,
      format: (v) => `${Math.round(v)} ms`,
    }),
  ].join('\n');
}

function metricTable(report: EvalReport, comparison?: Comparison): string {
  const sets = reportSets(report);
  const head = ['Metric', ...sets.map((s) => s.name), ...(comparison ? ['baseline', 'Δ'] : [])].map((h) => `<th>${e(h)}</th>`).join('');
  const rows = METRICS.map((m) => {
    const delta = comparison?.deltas.find((d) => d.key === m.key);
    const cells = sets.map((s) => `<td>${e(formatMetric(s.metrics[m.key], m.unit))}</td>`);
    if (delta) {
      const cls = delta.improved === null ? '' : delta.improved ? 'up' : 'down';
      const sign = delta.delta === null ? '' : delta.delta >= 0 ? '+' : '−';
      cells.push(`<td>${e(formatMetric(delta.before, m.unit))}</td>`, `<td class="${cls}">${e(delta.delta === null ? '' : sign + formatMetric(Math.abs(delta.delta), m.unit))}</td>`);
    }
    return `<tr><td>${e(m.label)}</td>${cells.join('')}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function gateSection(breaches: Breach[]): string {
  if (!breaches.length) return '<p class="pass"><strong>Gate passed:</strong> every metric is within its threshold.</p>';
  const items = breaches.map((b) => {
    const unit = METRICS.find((m) => m.key === b.key)!.unit;
    return `<li>${e(b.label)} ${e(formatMetric(b.value, unit))} is ${b.bound === 'min' ? 'below the minimum' : 'above the maximum'} ${e(formatMetric(b.limit, unit))}</li>`;
  });
  return `<p class="fail"><strong>Gate failed:</strong></p><ul>${items.join('')}</ul>`;
}

function comparisonSection(comparison: Comparison): string {
  const caveats = comparison.caveats.map((c) => `<li>${e(c)}</li>`).join('');
  const changed = comparison.changed.map(
    (c) => `<li class="${c.after ? 'pass' : 'fail'}">${c.after ? 'now passes' : 'now fails'}: <strong>${e(c.key)}</strong> ${e(c.question)}${c.reason ? ` <span class="meta">(${e(c.reason)})</span>` : ''}</li>`,
  );
  return [
    `<h2>Against the baseline of ${e(comparison.baselineCreatedAt)}</h2>`,
    caveats ? `<ul class="meta">${caveats}</ul>` : '',
    changed.length ? `<ul>${changed.join('')}</ul>` : '<p>No case changed pass/fail.</p>',
    comparison.added.length ? `<p class="meta">New cases: ${e(comparison.added.join(', '))}</p>` : '',
    comparison.removed.length ? `<p class="meta">Removed cases: ${e(comparison.removed.join(', '))}</p>` : '',
  ].join('\n');
}

function caseDetails(c: CaseResult): string {
  const verdict = c.pass ? '<span class="pass">✓ pass</span>' : '<span class="fail">✗ fail</span>';
  const tags = [...new Set([c.dataset, ...(c.unanswerable ? ['should abstain'] : []), ...c.tags])].join(' · ');
  const parts = [`<summary>${verdict} <strong>${e(c.id)}</strong> ${e(c.question)} <span class="meta">${e(tags)}</span></summary>`];
  if (c.reasons.length) parts.push(`<p><strong>Why it fails</strong></p><ul>${c.reasons.map((r) => `<li class="bad">${e(r.detail)}</li>`).join('')}</ul>`);
  if (c.notes.length) parts.push(`<p><strong>Notes</strong></p><ul>${c.notes.map((r) => `<li class="meta">${e(r.detail)}</li>`).join('')}</ul>`);
  if (c.answer) {
    parts.push(`<p><strong>Answer</strong>${c.answer.abstained ? ' (abstained)' : ''}</p><div class="answer">${e(c.answer.text)}</div>`);
    for (const cite of c.answer.citations) {
      const carriers = cite.alsoIn.length ? ` · also in ${cite.alsoIn.join(', ')}` : '';
      parts.push(
        `<p>[${cite.n}] ${e(cite.title)} <span class="meta">${e(cite.origin)} ${cite.start}–${cite.end}${e(carriers)}</span> <span class="${cite.valid ? 'ok' : 'bad'}">${cite.valid ? 'exact' : 'does not match its source'}</span></p><blockquote>${e(cite.quote)}</blockquote>`,
      );
    }
  }
  if (c.sentences.length) {
    const items = c.sentences.map(
      (s) => `<li class="${s.supported ? 'ok' : 'bad'}">${s.supported ? 'supported' : 'unsupported'}: ${e(s.text)} <span class="meta">${e(s.cited.map((n) => `[${n}]`).join(''))}</span></li>`,
    );
    parts.push(`<p><strong>Sentences</strong></p><ul>${items.join('')}</ul>`);
  }
  const scores = Object.entries(c.scores).map(([k, v]) => `${k} ${v === null ? '–' : k === 'latencyMs' ? `${Math.round(v)} ms` : v.toFixed(2)}`);
  parts.push(`<p class="meta">${e(scores.join(' · '))}</p>`);
  const wanted = new Set(c.docs);
  const retrieved = c.retrieved.map((h, i) => {
    const hit = [h.origin, ...h.alsoIn].some((o) => wanted.has(o));
    return `<li class="${hit ? 'ok' : ''}">${i + 1}. ${e(h.origin)}${h.alsoIn.length ? ` <span class="meta">(+ ${e(h.alsoIn.join(', '))})</span>` : ''}</li>`;
  });
  if (retrieved.length) parts.push(`<p><strong>Retrieved</strong> <span class="meta">(supporting: ${e(c.docs.join(', ') || 'none')})</span></p><ol style="list-style:none;padding-left:0">${retrieved.join('')}</ol>`);
  return `<details>${parts.join('\n')}</details>`;
}
