// A worker thread's task: one upload from POST /api/ingest, loaded, chunked, encoded and committed here, off the
// server's event loop (a 10 MB document is seconds of CPU). Loaded by upload-ingest.ts through piscina; the thread keeps
// its own runtime (store and embedder) open between uploads.
import { isRemitError, type RemitErrorCode } from '../../core/errors.js';
import type { IngestReport, IngestWarning } from '../../core/ingest/ingest.js';
import { loadDocument } from '../../core/load/index.js';
import { Document } from '../../core/schema.js';
import type { IngestBody } from '../../http/deps.js';
import { readIngestBody } from '../../http/ingest-body.js';
import { ingestIntoIndex, openRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import { lowerThisThreadPriority } from './thread-priority.js';
import { unwritableForClient } from './unwritable.js';

/** What the thread needs to open the server's index: RuntimeOptions without functions. */
export type WorkerRuntimeOptions = Pick<RuntimeOptions, 'db' | 'embedder' | 'modelDir' | 'allowRemoteModels' | 'anthropic'>;

export interface UploadTask {
  runtime: WorkerRuntimeOptions;
  /** The request body, read here; absent for a commit of nothing, which builds a missing powers table (see healPowersTable in serve.ts). */
  body?: IngestBody;
  maxBytes: number;
}

/** A RemitError as plain data (an Error's own fields do not survive the trip between threads). */
export interface ErrorData {
  code: RemitErrorCode;
  message: string;
  status: number;
  hint?: string;
  details?: unknown;
}

export type UploadResult = { report: IngestReport } | { error: ErrorData };

let open: Runtime | undefined;

// An upload is background work: the server's own thread comes first for the CPU (the encoding threads started from
// this one inherit the lower priority).
lowerThisThreadPriority();

export default async function ingestUpload({ runtime: options, body, maxBytes }: UploadTask): Promise<UploadResult> {
  try {
    // A bad body is refused before the index is opened.
    const input = body && (await readIngestBody(body));
    const runtime = await runtimeFor(options);
    if (!input) return { report: await ingestIntoIndex(runtime, []) };
    const warnings: IngestWarning[] = [];
    const loaded = await loadDocument(
      { origin: input.origin, bytes: input.bytes, contentType: input.contentType },
      { maxBytes, warn: (message) => warnings.push({ origin: input.origin, message }) },
    );
    const metadata = Object.fromEntries(Object.entries(input.metadata ?? {}).filter(([, v]) => v !== undefined));
    const report = await ingestIntoIndex(runtime, [Document.parse({ ...loaded, ...metadata })], { via: 'api' }).catch(async (error: unknown) => {
      // A failed commit may leave this thread's handles behind the index: the next upload opens afresh.
      await closeRuntime();
      throw error;
    });
    report.warnings.unshift(...warnings);
    return { report };
  } catch (error) {
    return { error: errorData(error) };
  }
}

/** The open runtime, moved to the index as committed now; reopened when another process rebuilt it (a new embedder). */
async function runtimeFor(options: WorkerRuntimeOptions): Promise<Runtime> {
  if (open) {
    const moved = await open.refreshIndex().then(() => true, () => false);
    const info = moved ? await open.store.info() : null;
    if (!moved || (info && info.embedder !== open.embedder.id)) await closeRuntime();
  }
  // The server's runtime builds the vector index a commit leaves out: this thread may be stopped once idle.
  open ??= await openRuntime({ ...options, vectorIndexBuild: 'deferred', warn: () => {} });
  return open;
}

async function closeRuntime(): Promise<void> {
  const closing = open;
  open = undefined;
  await closing?.close().catch(() => {});
}

function errorData(caught: unknown): ErrorData {
  if (!isRemitError(caught)) return { code: 'internal', message: caught instanceof Error ? caught.message : String(caught), status: 500 };
  // The store's hint is the CLI's (make <dir> writable, or --db); a client gets 503 with the cause and no path. Told
  // here, where the file system's error is still attached.
  const error = caught.code === 'index_unwritable' && caught.status !== 409 ? unwritableForClient('ingest', caught) : caught;
  return { code: error.code, message: error.message, status: error.status, hint: error.hint, details: plain(error.details) };
}

/** Details that survive structured cloning (zod issues do; anything else is dropped). */
function plain(details: unknown): unknown {
  try {
    return structuredClone(details);
  } catch {
    return undefined;
  }
}
