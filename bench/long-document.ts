// One long document ingested as a user would (`remit ingest report.txt`): loaded from a file, chunked, embedded with
// the hashing embedder, stored, and the powers table rebuilt. Each phase prints `PHASE <name> <ms>` as it ends, so a
// run stopped by the caller's timeout still says how far it got. Text processing must stay linear in the size.
// Run: node --import tsx bench/long-document.ts --kind repeated|report --bytes 1000000
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { CORPUS_DIR, NEWS_DIR } from '../test/support/paths.js';
import { emitResult, peakRssMb, round, timed } from './lib/measure.js';

export const LONG_DOCUMENT_KINDS = ['repeated', 'report'] as const;
export type LongDocumentKind = (typeof LONG_DOCUMENT_KINDS)[number];

const { values } = parseArgs({ options: { kind: { type: 'string', default: 'repeated' }, bytes: { type: 'string', default: '1000000' } } });
const kind = values.kind as LongDocumentKind;
if (!LONG_DOCUMENT_KINDS.includes(kind)) throw new Error(`--kind is one of ${LONG_DOCUMENT_KINDS.join(', ')}`);
const bytes = Number(values.bytes);

/** The worst case for sentence splitting: one short sentence over and over. */
const repeated = (size: number) => 'Ofcom can fine. '.repeat(Math.ceil(size / 16)).slice(0, size);

/**
 * A realistic long report: the project's explainers and the shared news articles (read at run time, never copied into
 * the repo), as numbered sections, over and over until the size is reached.
 */
async function report(size: number): Promise<string> {
  const folders = [CORPUS_DIR, NEWS_DIR];
  const texts: string[] = [];
  for (const folder of folders) {
    for (const name of (await readdir(folder)).filter((n) => /\.(md|txt)$/.test(n)).sort()) {
      // Front matter would only be read from the top of a file: keep the body.
      texts.push((await readFile(join(folder, name), 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '').trim());
    }
  }
  const sections: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const section = `Section ${i + 1}\n\n${texts[i % texts.length]!}\n\n`;
    sections.push(section);
    length += Buffer.byteLength(section);
  }
  return Buffer.from(sections.join('')).subarray(0, size).toString('utf8').replace(/\uFFFD$/, '');
}

const phase = (name: string, ms: number) => process.stdout.write(`PHASE ${name} ${round(ms, 0)}\n`);
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-long-'));
try {
  const file = join(dir, `${kind}.txt`);
  await writeFile(file, kind === 'repeated' ? repeated(bytes) : await report(bytes));
  const runtime = await openRuntime({ db: join(dir, 'index'), embedder: 'hashing', warn: () => {} });
  try {
    const { loadPaths } = await import('../src/adapter/node/read-paths.js');
    const loaded = await timed(() => loadPaths([file]));
    phase('load', loaded.ms);
    const ingested = await timed(() => ingestDocuments(loaded.result.documents, runtime));
    phase('chunk, embed and store', ingested.ms);
    const powers = await timed(() => runtime.refreshPowers());
    phase('powers', powers.ms);
    emitResult({
      kind,
      bytes,
      chunks: ingested.result.chunks,
      loadMs: round(loaded.ms, 0),
      ingestMs: round(ingested.ms, 0),
      powersMs: round(powers.ms, 0),
      totalMs: round(loaded.ms + ingested.ms + powers.ms, 0),
      peakRssMb: peakRssMb(),
    });
  } finally {
    await runtime.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
