// The spine's figures: ingest time for the five news articles, ask latency over 20 questions (in-process and as a
// CLI process), and index size on disk. Run: node --import tsx bench/spine.ts
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths, openRuntime } from '../src/adapter/node/runtime.js';
import { NEWS_DIR, REPO_ROOT } from '../test/support/paths.js';
import { folderBytes, percentile } from './lib/measure.js';

const QUESTIONS = [
  'What can Ofcom fine under the Online Safety Act?',
  'Which country first blocked Grok?',
  'Who is Sarah Rogers?',
  'What did Liz Kendall say about Ofcom?',
  'Did JD Vance agree with David Lammy?',
  'What did Anthony Albanese say about Grok?',
  'Which senators wrote to Apple and Google?',
  'What did Elon Musk call the UK government?',
  'Can Ofcom block X in the UK?',
  'What is Ofcom assessing?',
  'Who threatened to sanction Keir Starmer?',
  'What did X change about Grok on Friday?',
  'What did Peter Kyle say about X?',
  'What is planned for nudification apps?',
  'Which countries share the UK concerns?',
  'What did Nigel Farage say?',
  'Who was banned from the US in December?',
  'When will Ofcom update on next steps?',
  'Does a court need to agree before X is blocked?',
  'What is the capital of Peru?',
];

const db = await mkdtemp(join(tmpdir(), 'remit-spine-'));
try {
  const started = performance.now();
  const runtime = await openRuntime({ db, embedder: 'hashing', warn: () => {} });
  const report = await ingestPaths(runtime, [NEWS_DIR]);
  const ingestMs = performance.now() - started;

  await runtime.ask.ask({ question: 'warm-up' });
  const inProcess: number[] = [];
  for (const question of QUESTIONS) {
    const t = performance.now();
    await runtime.ask.ask({ question });
    inProcess.push(performance.now() - t);
  }
  await runtime.close();

  const cli: number[] = [];
  const bin = join(REPO_ROOT, 'bin/remit.js');
  execFileSync(process.execPath, [bin, 'ask', '--db', db, 'warm-up'], { stdio: 'ignore' });
  for (const question of QUESTIONS) {
    const t = performance.now();
    execFileSync(process.execPath, [bin, 'ask', '--db', db, question], { stdio: 'ignore' });
    cli.push(performance.now() - t);
  }
  const figures = {
    documents: report.added.length,
    chunks: report.chunks,
    ingestMs: Math.round(ingestMs),
    askInProcessP50Ms: Number(percentile(inProcess, 50).toFixed(1)),
    askInProcessP95Ms: Number(percentile(inProcess, 95).toFixed(1)),
    askCliP50Ms: Math.round(percentile(cli, 50)),
    askCliP95Ms: Math.round(percentile(cli, 95)),
    indexBytes: await folderBytes(db),
    loadAverage: loadavg()[0]!.toFixed(2),
  };
  console.table(figures);
} finally {
  await rm(db, { recursive: true, force: true });
}
