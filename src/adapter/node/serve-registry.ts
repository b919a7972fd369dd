// Where a running `remit serve` says which index it serves, so `remit ask` on the same index can hand it the question
// instead of starting the answerer itself (start-up is ~1.4 s of a one-shot ask: the language model, LanceDB, reading
// sentences; a warm server answers in milliseconds). One small file per index in a folder only this user can write,
// outside the index folder (which may be read-only, and holds nothing but the index).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServedIndex {
  /** Base URL a client on this machine reaches the server at. */
  url: string;
  pid: number;
  /** Remit's version: a server of another version may answer differently, so it is not used. */
  version: string;
  db: string;
}

/** The folder of registry files: per user, so another account cannot point this one's `remit ask` elsewhere. */
export function registryDir(env: Record<string, string | undefined>): string {
  const uid = process.getuid?.() ?? 'user';
  return env.REMIT_RUNTIME_DIR?.trim() || join(tmpdir(), `remit-${uid}`);
}

const indexKey = (db: string): string => {
  let path = resolve(db);
  try {
    path = realpathSync(path);
  } catch {
    // Not there (yet): the resolved path names it.
  }
  return createHash('sha256').update(path).digest('hex').slice(0, 24);
};

const registryFile = (db: string, dir: string) => join(dir, `${indexKey(db)}.json`);

/** Records that this process serves `db` at `url`; returns the undo, which removes the record only while it is ours. */
export function registerServedIndex(entry: Omit<ServedIndex, 'pid'>, dir: string): () => void {
  const file = registryFile(entry.db, dir);
  const record: ServedIndex = { ...entry, pid: process.pid };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written whole, then moved in: a reader never sees half a record.
  const staged = `${file}.${process.pid}.tmp`;
  writeFileSync(staged, JSON.stringify(record), { mode: 0o600 });
  renameSync(staged, file);
  return () => {
    if (readServedIndex(entry.db, dir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/**
 * The server recorded for `db`, if its record is this user's, names a live process and parses; undefined otherwise
 * (a server killed without closing leaves its record behind: its process is gone, so the record is ignored).
 */
export function readServedIndex(db: string, dir: string): ServedIndex | undefined {
  const file = registryFile(db, dir);
  try {
    const uid = process.getuid?.();
    if (uid !== undefined && (statSync(dir).uid !== uid || statSync(file).uid !== uid)) return undefined;
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServedIndex>;
    if (typeof record.url !== 'string' || typeof record.pid !== 'number' || typeof record.version !== 'string' || typeof record.db !== 'string') return undefined;
    if (!isAlive(record.pid)) return undefined;
    return record as ServedIndex;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (then its record would not be this user's either).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
