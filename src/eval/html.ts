// HTML building blocks for the self-contained report: escaping and an inline SVG grouped bar chart.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface BarSeries {
  name: string;
  color: string;
}

export interface BarRow {
  label: string;
  /** One value per series; null draws no bar and prints "–". */
  values: (number | null)[];
}

export interface BarChartOptions {
  title: string;
  series: readonly BarSeries[];
  rows: readonly BarRow[];
  /** The value at the full bar width (1 for ratios). */
  max: number;
  format: (value: number) => string;
}

const LABEL_WIDTH = 190;
const BAR_AREA = 360;
const BAR_HEIGHT = 12;
const ROW_GAP = 10;

/** Horizontal bars, one group per row and one bar per series, with a legend: readable without any script. */
export function barChart(options: BarChartOptions): string {
  const { series, rows } = options;
  const groupHeight = series.length * BAR_HEIGHT + ROW_GAP;
  const legendHeight = 22;
  const height = legendHeight + rows.length * groupHeight + 4;
  const width = LABEL_WIDTH + BAR_AREA + 70;
  const scale = (v: number) => (options.max > 0 ? Math.max(0, Math.min(1, v / options.max)) * BAR_AREA : 0);
  const legend = series
    .map((s, i) => `<rect x="${LABEL_WIDTH + i * 120}" y="4" width="10" height="10" fill="${s.color}"/><text x="${LABEL_WIDTH + i * 120 + 14}" y="13">${escapeHtml(s.name)}</text>`)
    .join('');
  const groups = rows
    .map((row, r) => {
      const top = legendHeight + r * groupHeight;
      const label = `<text x="${LABEL_WIDTH - 8}" y="${top + (series.length * BAR_HEIGHT) / 2 + 4}" text-anchor="end">${escapeHtml(row.label)}</text>`;
      const bars = row.values
        .map((value, i) => {
          const y = top + i * BAR_HEIGHT;
          const text = value === null ? '–' : options.format(value);
          const w = value === null ? 0 : scale(value);
          return `<rect x="${LABEL_WIDTH}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT - 2}" fill="${series[i]!.color}"><title>${escapeHtml(`${series[i]!.name}: ${text}`)}</title></rect><text x="${LABEL_WIDTH + w + 4}" y="${y + BAR_HEIGHT - 3}" class="v">${escapeHtml(text)}</text>`;
        })
        .join('');
      return label + bars;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${legend}${groups}</svg>`;
}
