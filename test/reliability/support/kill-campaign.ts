// SIGKILLs at random points of real `remit` processes doing the three kinds of writes: an ingest that changes
// documents, an ingest that moves and deletes files with --prune, and an upload to a running `remit serve` (killed with
// its ingest thread). After every kill the index must open whole, hold exactly the documents before the operation or
// exactly those after it (nothing lost, never a mix), and its committed powers table must be the rules over exactly
// those documents. Used by test/reliability/ingest-kill.test.ts (a few kills) and scripts/kill-campaign.ts (100+).
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadPaths } from '../../../src/adapter/node/read-paths.js';
import { openRuntime } from '../../../src/adapter/node/runtime.js';
import { loadDocument } from '../../../src/core/load/index.js';
import { enforcerIndex, extractFacts } from '../../../src/core/powers/facts.js';
import { mergeFacts } from '../../../src/core/powers/merge.js';
import { PowersTable } from '../../../src/core/powers/schema.js';
import type { Document } from '../../../src/core/schema.js';
import { CORPUS_DIR } from '../../support/paths.js';
import { seededRandom } from '../../support/seeded-random.js';
import { runRemit, startRemit } from './remit-child.js';
import { bulletin } from './synthetic-corpus.js';

export type Operation = 'ingest' | 'prune' | 'upload';

export interface CampaignOptions {
  /** An empty work folder. */
  root: string;
  kills: number;
  seed?: number;
  /** Synthetic bulletins beside six corpus explainers (which give the powers table its cards). */
  bulletins?: number;
  /** Every this many kills, the operation killed last runs to the end and the index must be exactly its result. */
  completeEvery?: number;
  log?: (line: string) => void;
}

export interface CampaignResult {
  kills: Record<Operation, number>;
  /** Kills after which the index held the state before the operation, or the state after it. */
  served: { before: number; after: number };
  completions: number;
  /** Times the index was opened and checked whole (after each kill and each completion). */
  checks: number;
  documents: number;
  powers: number;
}

const EXPLAINERS = [
  'ofcom-maximum-penalties.md',
  'eu-dsa-fines-and-penalties.md',
  'business-disruption-measures.md',
  'australia-esafety-powers.md',
  'ofcom-information-notices.md',
  'senior-managers-criminal-liability.md',
];
const TOKEN = 'kill-campaign-admin-token-0123456789';

/** origin -> hash: what an index holds, as far as losing or mixing documents goes. */
type Holding = Map<string, string>;

export async function runKillCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const random = seededRandom(options.seed ?? 21);
  const log = options.log ?? (() => {});
  const docs = join(options.root, 'docs');
  const db = join(options.root, 'db');
  const bulletins = join(docs, 'bulletins');
  const explainers = [join(docs, 'explainers'), join(docs, 'moved')];
  const count = options.bulletins ?? 60;
  await mkdir(bulletins, { recursive: true });
  for (const folder of explainers) await mkdir(folder, { recursive: true });
  for (const name of EXPLAINERS) await cp(join(CORPUS_DIR, name), join(explainers[0]!, name));
  let round = 0;
  const writeRound = async () => {
    round++;
    // Each round rewrites a third of the bulletins: replacements, not a whole new index every time.
    for (let i = 0; i < count; i++) if (round === 1 || i % 3 === round % 3) await writeFile(join(bulletins, `bulletin-${String(i).padStart(3, '0')}.txt`), bulletin(i, round));
  };
  await writeRound();
  const first = await runRemit(['ingest', '--prune', docs, '--db', db]);
  if (first.code !== 0) throw new Error(`the first ingest failed: ${first.stderr}`);

  const result: CampaignResult = { kills: { ingest: 0, prune: 0, upload: 0 }, served: { before: 0, after: 0 }, completions: 0, checks: 0, documents: 0, powers: 0 };
  let committed = await checkIndex(db, [await holdingOfFolder(docs)]);
  result.checks++;
  let uploads = 0;
  const timing: Partial<Record<Operation, number>> = {};
  const operations: Operation[] = ['ingest', 'prune', 'upload'];

  /** Sets up the next operation of a kind; returns the state it leads to and how to run it. */
  const prepare = async (operation: Operation) => {
    if (operation === 'upload') {
      const upload = nextUpload(++uploads);
      const after: Holding = new Map([...committed, [upload.origin, await hashOf(upload)]]);
      return { after, run: () => uploadTo(db, upload) };
    }
    if (operation === 'ingest') await writeRound();
    else await reshuffle(random, bulletins, explainers, round);
    const after: Holding = new Map([...(await holdingOfFolder(docs)), ...[...committed].filter(([origin]) => isUpload(origin))]);
    return { after, run: async () => ingestChild(docs, db) };
  };

  // One of each kind first runs to the end: how long it takes sets the window a kill lands in.
  for (const operation of operations) {
    const { after, run } = await prepare(operation);
    const running = await run();
    const started = performance.now();
    await running.kill(Number.POSITIVE_INFINITY);
    timing[operation] = performance.now() - started;
    committed = await checkIndex(db, [after]);
    result.checks++;
    result.completions++;
  }

  for (let kill = 1; kill <= options.kills; kill++) {
    const operation = operations[(kill - 1) % operations.length]!;
    const { after, run } = await prepare(operation);
    const running = await run();
    await running.kill(random() * timing[operation]! * 1.1);
    result.kills[operation]++;
    const before = committed;
    committed = await checkIndex(db, [before, after]);
    result.checks++;
    const sawAfter = sameHolding(committed, after) && !sameHolding(before, after);
    result.served[sawAfter ? 'after' : 'before']++;
    log(`kill ${kill} (${operation}): index whole, ${sawAfter ? 'after' : 'before'} the operation, ${committed.size} documents, powers table matches`);

    if (kill % (options.completeEvery ?? 4) === 0 && !sawAfter) {
      const completing = await run();
      await completing.kill(Number.POSITIVE_INFINITY);
      committed = await checkIndex(db, [after]);
      result.checks++;
      result.completions++;
    }
  }
  const final = await openRuntime({ db, warn: () => {} });
  try {
    result.documents = (await final.store.info())?.documents ?? 0;
    result.powers = (await final.store.powers!())?.powers.length ?? 0;
  } finally {
    await final.close();
  }
  return result;
}

/** `remit ingest --prune` on the folder; kill() SIGKILLs it after a delay (or lets it finish when the delay is infinite). */
function ingestChild(docs: string, db: string): { kill(delayMs: number): Promise<void> } {
  const child = startRemit(['ingest', '--prune', docs, '--db', db]);
  return {
    kill: async (delayMs) => {
      if (Number.isFinite(delayMs)) {
        await Promise.race([child.exit, sleep(delayMs)]);
        child.child.kill('SIGKILL');
      }
      const exit = await child.exit;
      if (exit.signal === null && exit.code !== 0) throw new Error(`remit ingest failed: ${exit.stderr}`);
    },
  };
}

/** Opens the index and checks it whole: it holds exactly one of `allowed`, its files read, its powers table matches. */
async function checkIndex(db: string, allowed: Holding[]): Promise<Holding> {
  const runtime = await openRuntime({ db, warn: () => {} });
  try {
    await runtime.store.verify?.();
    const holding: Holding = new Map([...(await runtime.store.origins())].map(([origin, { hash }]) => [origin, hash]));
    if (!allowed.some((state) => sameHolding(state, holding))) {
      const expected = allowed.at(-1)!;
      const differ = [...new Set([...expected.keys(), ...holding.keys()])].filter((origin) => expected.get(origin) !== holding.get(origin));
      throw new Error(`the index holds neither the state before nor after the operation (${holding.size} documents; ${differ.length} differ from after, e.g. ${differ.slice(0, 3).join(', ')})`);
    }
    const metas = await runtime.store.listDocuments();
    const documents = (await Promise.all(metas.map((m) => runtime.store.getDocument(m.id)))).filter((d): d is Document => d !== null);
    if (documents.length !== holding.size) throw new Error(`${holding.size} origins but ${documents.length} readable documents`);
    const info = (await runtime.store.info())!;
    const signatures = await runtime.store.signatures();
    if (signatures.length !== info.chunks || new Set(signatures.map((s) => s.docId)).size !== documents.length) throw new Error('chunks and documents disagree');
    const table = await runtime.store.powers!();
    if (!table) throw new Error('state.json names no powers table');
    // Both through the schema, so the key order matches too.
    if (JSON.stringify(table.powers) !== JSON.stringify(PowersTable.shape.powers.parse(rulesOverAll(documents)))) throw new Error('the committed powers table is not the rules over the documents the index holds');
    if (table.builtAt !== info.builtAt || table.documents !== documents.length) throw new Error('the powers table is of another commit');
    return holding;
  } finally {
    await runtime.close();
  }
}

/** The powers table as computed from the documents themselves. */
function rulesOverAll(documents: readonly Document[]) {
  const ordered = [...documents].sort((a, b) => a.origin.localeCompare(b.origin));
  const enforcers = enforcerIndex(ordered);
  return mergeFacts(ordered.flatMap((document) => extractFacts(document, enforcers)));
}

async function holdingOfFolder(docs: string): Promise<Holding> {
  return new Map((await loadPaths([docs])).documents.map((d) => [d.origin, d.hash]));
}

const sameHolding = (a: Holding, b: Holding): boolean => a.size === b.size && [...a].every(([origin, hash]) => b.get(origin) === hash);
const isUpload = (origin: string): boolean => origin.startsWith('uploads/');

/** Moves an explainer between the two folders (a move --prune must follow) and deletes and re-adds a bulletin. */
async function reshuffle(random: () => number, bulletins: string, [from, to]: string[], round: number): Promise<void> {
  const present = (await readdir(from!)).map((name) => join(from!, name));
  const elsewhere = (await readdir(to!)).map((name) => join(to!, name));
  const pool = [...present, ...elsewhere];
  const pick = pool[Math.floor(random() * pool.length)]!;
  const target = pick.startsWith(from!) ? join(to!, pick.slice(from!.length + 1)) : join(from!, pick.slice(to!.length + 1));
  await rename(pick, target);
  const files = (await readdir(bulletins)).sort();
  await rm(join(bulletins, files[Math.floor(random() * files.length)]!));
  await writeFile(join(bulletins, `extra-${round}-${Math.floor(random() * 1e6)}.txt`), bulletin(1000 + Math.floor(random() * 1000), round));
}

interface Upload {
  origin: string;
  text: string;
}

const nextUpload = (n: number): Upload => ({ origin: `uploads/notice-${n}.txt`, text: bulletin(5000 + n, n) });

async function hashOf(upload: Upload): Promise<string> {
  return (await loadDocument({ origin: upload.origin, bytes: new TextEncoder().encode(upload.text), contentType: 'text/plain' })).hash;
}

/** Starts `remit serve` on the index, waits for it to listen, sends the upload; kill() SIGKILLs the server after a delay. */
async function uploadTo(db: string, upload: Upload): Promise<{ kill(delayMs: number): Promise<void> }> {
  const server = startRemit(['serve', '--db', db, '--port', '0'], { REMIT_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'error' });
  let url: string | undefined;
  let buffered = '';
  server.child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    url ??= /listening on (http:\/\/\S+)/.exec(buffered)?.[1];
  });
  while (!url) {
    if (server.child.exitCode !== null) throw new Error(`remit serve exited: ${(await server.exit).stderr}`);
    await sleep(20);
  }
  const response = fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: upload.text, origin: upload.origin }),
  }).then(
    async (r) => {
      if (r.status >= 400) throw new Error(`upload answered ${r.status}: ${await r.text()}`);
    },
    () => undefined, // the server was killed mid-request
  );
  return {
    kill: async (delayMs) => {
      if (Number.isFinite(delayMs)) {
        await Promise.race([response, sleep(delayMs)]);
        server.child.kill('SIGKILL');
        await response;
      } else {
        await response;
        server.child.kill('SIGTERM');
      }
      await server.exit;
    },
  };
}
