// Structured logs: one JSON object per line, so a log shipper can index requestId, status and latency.

import { LOG_LEVELS, type LogLevel } from '../core/settings.js';

export { LOG_LEVELS, type LogLevel };
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Receives one complete line, newline included. */
  write?: (line: string) => void;
  now?: () => Date;
}

export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => console.log(line.trimEnd()));
  const now = options.now ?? (() => new Date());
  const log = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    write(`${JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields }, errorReplacer)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Errors serialise to `{}` by default; keep their name, message and stack. */
function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
