// One long document ingested as a user would (`remit ingest report.txt`): loaded from a file, its power facts
// extracted, chunked, embedded with the hashing embedder and stored (the powers table commits with it). Each phase
// prints `PHASE <name> <ms>` as it ends, so a run stopped by the caller's timeout still says how far it got. Text processing must stay linear in the size.
// Run: node --import tsx bench/long-document.ts --kind repeated|report --bytes 1000000
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { largeDocument } from '../test/support/large-document.js';
import { emitResult, peakRssMb, round, timed } from './lib/measure.js';

export const LONG_DOCUMENT_KINDS = ['repeated', 'report'] as const;
export type LongDocumentKind = (typeof LONG_DOCUMENT_KINDS)[number];

const { values } = parseArgs({ options: { kind: { type: 'string', default: 'repeated' }, bytes: { type: 'string', default: '1000000' } } });
const kind = values.kind as LongDocumentKind;
if (!LONG_DOCUMENT_KINDS.includes(kind)) throw new Error(`--kind is one of ${LONG_DOCUMENT_KINDS.join(', ')}`);
const bytes = Number(values.bytes);

const phase = (name: string, ms: number) => process.stdout.write(`PHASE ${name} ${round(ms, 0)}\n`);
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-long-'));
try {
  const file = join(dir, `${kind}.txt`);
  await writeFile(file, largeDocument(kind, bytes));
  const runtime = await openRuntime({ db: join(dir, 'index'), embedder: 'hashing', warn: () => {} });
  try {
    const { loadPaths } = await import('../src/adapter/node/read-paths.js');
    const loaded = await timed(() => loadPaths([file]));
    phase('load', loaded.ms);
    const ingested = await timed(() => ingestDocuments(loaded.result.documents, runtime));
    phase('ingest', ingested.ms);
    emitResult({
      kind,
      bytes,
      chunks: ingested.result.chunks,
      loadMs: round(loaded.ms, 0),
      ingestMs: round(ingested.ms, 0),
      totalMs: round(loaded.ms + ingested.ms, 0),
      peakRssMb: peakRssMb(),
    });
  } finally {
    await runtime.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
