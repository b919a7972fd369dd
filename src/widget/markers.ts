// Splits answer text into plain runs and [n] citation markers, so markers render as buttons and text stays text.

export type AnswerSegment = { kind: 'text'; text: string } | { kind: 'marker'; n: number };

const MARKER = /\[(\d{1,3})\]/g;

/** Markers whose number is not in `known` (a citation not streamed yet) stay plain text. */
export function splitMarkers(text: string, known: ReadonlySet<number>): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let last = 0;
  const pushText = (chunk: string) => {
    if (!chunk) return;
    const previous = segments[segments.length - 1];
    if (previous?.kind === 'text') previous.text += chunk;
    else segments.push({ kind: 'text', text: chunk });
  };
  for (const match of text.matchAll(MARKER)) {
    const n = Number(match[1]);
    pushText(text.slice(last, match.index));
    if (known.has(n)) segments.push({ kind: 'marker', n });
    else pushText(match[0]);
    last = match.index + match[0].length;
  }
  pushText(text.slice(last));
  return segments;
}
