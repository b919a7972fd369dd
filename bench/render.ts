// Re-renders bench/results/README-table.md (and prints the targets) from a saved run, without measuring again.
// Run: node --import tsx bench/render.ts [bench/results/latest.json]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/paths.js';
import { type BenchReport, renderMarkdown, renderTargets } from './report.js';

const path = process.argv[2] ?? join(REPO_ROOT, 'bench/results/latest.json');
const report = JSON.parse(await readFile(path, 'utf8')) as BenchReport;
if (report.steps.profile?.frames) {
  // Runs saved before line numbers were dropped carry a meaningless ":1".
  for (const frame of report.steps.profile.frames) frame.frame = String(frame.frame).replace(/:1$/, '');
}
await writeFile(join(REPO_ROOT, 'bench/results/README-table.md'), renderMarkdown(report));
process.stdout.write(`${renderTargets(report)}\nwrote bench/results/README-table.md\n`);
