// One writer per index folder: a lock file holding the writer's pid and thread; a lock left by a killed process is
// taken over. Threads of one process share its pid (a server commits uploads on a worker thread), so the thread counts:
// a lock this process holds on another thread is held, whatever this thread's own records say.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { createError } from '../../../core/errors.js';

export const LOCK_FILE = 'commit.lock';

/** Lock files this thread holds, so its own pid and thread in a lock file can be told apart from a previous process's. */
const heldHere = new Set<string>();

const OWNER = `${process.pid}:${threadId}`;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the folder's commit lock; call the returned function to release it. */
export async function acquireCommitLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      try {
        await file.writeFile(OWNER);
      } finally {
        await file.close();
      }
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // "pid:thread" (or "pid", as written before threads counted).
      const [pid, thread] = (await readFile(path, 'utf8').catch(() => '')).split(':').map((part) => Number.parseInt(part, 10));
      const holder = pid ?? Number.NaN;
      const heldInThisProcess = thread !== undefined && thread !== threadId ? true : heldHere.has(path);
      if (Number.isInteger(holder) && holder > 0 && (holder === process.pid ? heldInThisProcess : isAlive(holder))) {
        throw createError({
          code: 'index_unwritable',
          status: 409,
          message: `Another ingest (pid ${holder}) is writing the index in ${dir}`,
          hint: `Wait for it to finish; if no ingest is running, delete ${path}.`,
        });
      }
      // Held by a dead process (or unreadable): a crashed writer's leftovers are rolled back by the next commit.
      await rm(path, { force: true });
    }
  }
  throw createError({ code: 'index_unwritable', message: `Cannot take the commit lock ${path}`, hint: `Delete ${path} if no ingest is running.` });
}
