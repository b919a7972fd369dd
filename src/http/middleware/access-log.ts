// One structured log line per request, with the request id and latency (for SSE: time to the first byte).
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';

export function accessLog(logger: Logger, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const started = now();
    await next();
    const status = c.res.status;
    const fields = {
      requestId: c.get('requestId') as string | undefined,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((now() - started) * 10) / 10,
    };
    if (status >= 500) logger.error('request', fields);
    else if (status >= 400) logger.warn('request', fields);
    else logger.info('request', fields);
  };
}
