// Reading server-sent events from a fetch Response body: used by tests and reusable by the widget.
import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream';
import { AnswerEvent } from '../core/schema.js';

/** Each SSE message as `{ event, data, id }`, in order, until the stream ends. */
export async function* readSseEvents(body: ReadableStream<Uint8Array<ArrayBuffer>>): AsyncIterable<EventSourceMessage> {
  const reader = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The answer stream as validated AnswerEvents; a message whose name and data disagree is an error. */
export async function* readAnswerEvents(body: ReadableStream<Uint8Array<ArrayBuffer>>): AsyncIterable<AnswerEvent> {
  for await (const message of readSseEvents(body)) {
    const event = AnswerEvent.parse(JSON.parse(message.data));
    if (message.event !== event.type) throw new TypeError(`SSE event "${message.event}" carries a "${event.type}" payload`);
    yield event;
  }
}
