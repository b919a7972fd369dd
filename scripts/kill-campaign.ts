// Random SIGKILLs of real `remit` processes writing the index (ingest, ingest --prune with moved and deleted files, and
// uploads to a running server), each followed by a whole-index check; prints the figures as one JSON line. The first
// check that fails stops the run with its reason, so a finished run is one with nothing lost, mixed or mismatched.
//
//   node --import tsx scripts/kill-campaign.ts [--kills 102] [--seed 21] [--bulletins 60]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runKillCampaign } from '../test/reliability/support/kill-campaign.js';
import { REPO_ROOT } from '../test/support/paths.js';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '102' }, seed: { type: 'string', default: '21' }, bulletins: { type: 'string', default: '60' } } });
const root = await mkdtemp(join(tmpdir(), 'remit-kill-campaign-'));
const started = Date.now();
try {
  const result = await runKillCampaign({
    root,
    kills: Number(values.kills),
    seed: Number(values.seed),
    bulletins: Number(values.bulletins),
    log: (line) => console.error(line),
  });
  const kills = result.kills.ingest + result.kills.prune + result.kills.upload;
  const figures = {
      kills,
      byOperation: result.kills,
      served: result.served,
      completions: result.completions,
      checks: result.checks,
      documents: result.documents,
      powersCards: result.powers,
      lost: 0,
      mixed: 0,
      powersMismatches: 0,
      minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))) },
      date: new Date().toISOString().slice(0, 10),
  };
  console.log(JSON.stringify(figures));
  // The latest run of 100 or more, for scripts/reliability-report.ts.
  if (kills >= 100) await writeFile(join(REPO_ROOT, 'bench/results/kill-campaign.json'), `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await rm(root, { recursive: true, force: true });
}
