// SQL pieces for LanceDB filters: camelCase and keyword column names need backticks, string literals double their quotes.

/** A quoted column name; `index` and `end` are SQL keywords and `docId` would otherwise be lower-cased. */
export const sqlColumn = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/** A SQL string literal; standard SQL has no backslash escapes, so only the quote needs doubling. */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

export const sqlEquals = (column: string, value: string): string => `${sqlColumn(column)} = ${sqlString(value)}`;

/** Keeps each IN list short enough that filter parsing stays cheap; callers run one query per batch. */
export const IN_BATCH = 500;

/** `column IN (...)` filters covering `values` in batches; none for an empty list. */
export function sqlInBatches(column: string, values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  const filters: string[] = [];
  for (let i = 0; i < unique.length; i += IN_BATCH) {
    filters.push(`${sqlColumn(column)} IN (${unique.slice(i, i + IN_BATCH).map(sqlString).join(', ')})`);
  }
  return filters;
}
