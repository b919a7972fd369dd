// The widget's view of the HTTP API: streamed answers (SSE over fetch, since EventSource cannot POST), sources and feedback.
import * as z from 'zod';
import { createError, isRemitError } from '../core/errors.js';
import { Answer, type AnswerEvent, type AnswerMode, Document, type Feedback, type Turn } from '../core/schema.js';
import { readAnswerEvents } from './sse.js';

export interface AskInput {
  question: string;
  history: Turn[];
  mode?: AnswerMode;
}

export interface RemitClient {
  /** Calls `onEvent` for each streamed event; resolves with the final answer or rejects with a RemitError. */
  streamAnswer(input: AskInput, onEvent: (event: AnswerEvent) => void, signal?: AbortSignal): Promise<Answer>;
  getSource(id: string, signal?: AbortSignal): Promise<Document>;
  sendFeedback(feedback: Feedback): Promise<void>;
}

/** The fields of an RFC 9457 problem the widget shows; anything else in it is ignored. */
const ProblemView = z.object({ title: z.string().optional(), detail: z.string().optional(), code: z.string().optional(), hint: z.string().optional() });

/** `endpoint` is the API's base URL ("" for the page's own origin); a trailing slash is fine. */
export function createRemitClient(endpoint: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): RemitClient {
  const base = endpoint.replace(/\/+$/, '');

  async function call(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { ...init, credentials: 'omit' });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw createError({ code: 'upstream', status: 0, message: 'Remit could not be reached', cause: error });
    }
    if (!response.ok) throw await problemError(response);
    return response;
  }

  return {
    async streamAnswer(input, onEvent, signal) {
      const response = await call('/api/ask', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(input),
        signal,
      });
      if (!response.body) throw createError({ code: 'upstream', message: 'The answer stream was empty' });
      try {
        for await (const event of readAnswerEvents(response.body)) {
          onEvent(event);
          if (event.type === 'done') return Answer.parse(event.answer);
          if (event.type === 'error') throw createError({ code: 'upstream', message: event.error.message, details: { code: event.error.code } });
        }
      } catch (error) {
        if (isRemitError(error) || signal?.aborted) throw error;
        // A dropped connection mid-stream reads as a network failure; a malformed event as a server one.
        const network = error instanceof TypeError;
        throw createError({ code: 'upstream', status: network ? 0 : 502, message: 'The answer stream broke off', cause: error });
      }
      throw createError({ code: 'upstream', status: 0, message: 'The answer stream ended before the answer was complete' });
    },

    async getSource(id, signal) {
      const response = await call(`/api/sources/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' }, signal });
      return Document.parse(await response.json());
    },

    async sendFeedback(feedback) {
      await call('/api/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(feedback) });
    },
  };
}

async function problemError(response: Response) {
  const parsed = ProblemView.safeParse(await response.json().catch(() => ({})));
  const view = parsed.success ? parsed.data : {};
  if (response.status === 429) {
    return createError({
      code: 'rate_limited',
      message: view.detail ?? 'Too many requests',
      details: { retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')) },
    });
  }
  return createError({
    code: response.status === 404 ? 'not_found' : response.status < 500 ? 'bad_input' : 'upstream',
    status: response.status,
    message: view.detail ?? view.title ?? `The server answered ${response.status}`,
    hint: view.hint,
  });
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
