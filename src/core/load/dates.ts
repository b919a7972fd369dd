// Dates arrive as YAML Date objects, ISO timestamps or plain days; the schema wants YYYY-MM-DD.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** The calendar day of `value` as YYYY-MM-DD, or undefined when it is not a real date. */
export function toIsoDay(value: unknown): string | undefined {
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    return Number.isNaN(year) || year < 1 || year > 9999 ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  const match = ISO_DAY.exec(trimmed);
  if (match) return isRealDay(Number(match[1]), Number(match[2]), Number(match[3])) ? trimmed.slice(0, 10) : undefined;
  // Other spellings only with a month name ("11 January 2026"): 11/01/2026 means different days in the UK and US.
  const parsed = new Date(trimmed);
  if (!/\d{4}/.test(trimmed) || !/[a-z]{3}/i.test(trimmed) || Number.isNaN(parsed.getTime())) return undefined;
  // Local components: a date written without a zone means that day where it was written.
  const day = [parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-');
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
