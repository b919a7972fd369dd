// What crosses between `remit serve`'s main thread and its serving thread (serve-thread.ts, serve-worker.ts).
import { z } from 'zod';

/** The serving thread's start: the command line it runs (as `remit` would), and from source, the module behind tsx. */
export const ServeThreadData = z.object({
  argv: z.array(z.string()),
  module: z.string().optional(),
});
export type ServeThreadData = z.infer<typeof ServeThreadData>;

/** Signals are delivered to the main thread only; it passes on the ones that stop a server gracefully. */
export const ServeThreadMessage = z.object({ signal: z.enum(['SIGTERM', 'SIGINT']) });
export type ServeThreadMessage = z.infer<typeof ServeThreadMessage>;

/**
 * From the thread: a signal came before the server installed its handlers (or after it removed them), when a process
 * would have ended at once; the main thread then ends the process with that signal.
 */
export const ServeThreadReply = z.object({ unhandled: z.enum(['SIGTERM', 'SIGINT']) });
export type ServeThreadReply = z.infer<typeof ServeThreadReply>;
