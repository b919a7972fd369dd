// Tests record what they tried and survived; scripts/reliability-report.ts collects these into docs/reliability.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder the report script asks tests to write figures into; unset in ordinary test runs. */
export const FIGURES_DIR_VAR = 'REMIT_RELIABILITY_FIGURES';

export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const dir = process.env[FIGURES_DIR_VAR];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
