// Background work (an upload's ingest) yields the CPU to the server's request handling: on a 2-core machine the
// ingest thread and its encoding threads would otherwise take both cores and delay the event loop by a scheduler
// slice or more. Linux applies setpriority to one thread when given its thread id, and new threads inherit the value,
// so the encoding threads started from here run at the same lower priority.
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/** Niceness for background ingest threads: below normal, above idle. */
export const BACKGROUND_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

/** Lowers the calling thread's priority; true when it did (Linux), false where threads cannot be named this way. */
export function lowerThisThreadPriority(priority = BACKGROUND_PRIORITY): boolean {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>" for the thread that reads it.
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, priority);
    return true;
  } catch {
    return false;
  }
}
