// What the MCP server needs from the outside world, passed in so stdio (Node), Streamable HTTP (Node and Workers) and
// tests serve the same tools over the same core.
import type { Ask } from '../core/ask.js';
import type { DocumentSource, PowersCatalog } from '../core/powers/catalog.js';
import type { Retriever } from '../core/remit.js';

/** One finished tool call, for the transport's log (stderr on stdio, the JSON log over HTTP). */
export interface ToolCallRecord {
  tool: string;
  ms: number;
  /** The problem code and status when the call ended in a tool error. */
  error?: string;
  status?: number;
  /** What was thrown when the error was ours (an internal failure), for the log only: clients never see it. */
  cause?: unknown;
}

export interface McpDeps {
  ask: Ask;
  retriever: Retriever;
  sources: DocumentSource;
  powers: PowersCatalog;
  /** Reported after every tool call. */
  onToolCall?: (call: ToolCallRecord) => void;
  /** Every tool call as it starts, so a transport can let calls under way finish before it closes what they read. */
  track?: (call: Promise<unknown>) => void;
  /** Milliseconds, for onToolCall. */
  clock?: () => number;
}

type LogFn = (message: string, fields: Record<string, unknown>) => void;

/** One log line per tool call, at the level the access log gives a status; internal failures with their cause. */
export function logToolCalls(logger: { info: LogFn; warn: LogFn; error: LogFn }): (call: ToolCallRecord) => void {
  return ({ tool, ms, error, status, cause }) => {
    const fields = { tool, ms: Math.round(ms * 10) / 10, ...(error ? { error, status } : {}) };
    if (cause !== undefined) logger.error('tool call failed', { ...fields, cause });
    else if (error) logger.warn('tool call', fields);
    else logger.info('tool call', fields);
  };
}
