// Sentence spans with exact offsets, using the runtime's Unicode segmenter (Intl.Segmenter: Node and Workers alike).

export interface Span {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Intl.Segmenter splits after "Mr." and "Sir" abbreviations; these are rejoined to the next sentence. Legal references
// are written in any case ("art. 83", "Arts. 5 and 6", "s. 144", "Sch. 13", "para. 4", "reg. 3", "cl. 2").
const ABBREVIATION_END =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Rep|Sen|Gov|Gen|Lt|Col|vs|etc|e\.g|i\.e|U\.S|U\.K)|(?<![\p{L}'’])(?:[Aa]rts?|[Ss]s?|[Pp]aras?|[Ss]ch|[Rr]egs?|[Cc]l|[Pp]t|[Cc]h|[Ss]ec|[Nn]os?|[Vv]ol|[Cc]f|[Aa]pprox))\.\s*$/u;
// A footnote marker the segmenter cut from the sentence it follows: "…a court.[" | "1] The…", or "…first." | "^2 Under…".
const CUT_MARKER = /^(?:\d{1,3}\]|\^\d{1,3}|\[\d{1,3}\])/;

/**
 * Sentence spans of `text`, trimmed of surrounding white space, never empty.
 * Paragraph breaks always end a sentence, even without punctuation (headlines, captions).
 */
export function sentenceSpans(text: string): Span[] {
  return spansOfSegments(text, segments(text));
}

/** The spans sentenceSpans makes of the segmenter's `found` segments of `text` (exported for the windows' test). */
export function spansOfSegments(text: string, found: Iterable<{ index: number; segment: string }>): Span[] {
  const spans: Span[] = [];
  let pending: Span | undefined;
  for (const { index, segment } of found) {
    for (const piece of splitOnLineBreaks(segment, index)) {
      const marker = pending ? CUT_MARKER.exec(text.slice(piece.start, piece.end)) : null;
      // Only a marker written against the sentence's end: "court. [1] It…" is an answer's marker on the next claim's side.
      if (pending && marker && piece.start === pending.end) {
        // The marker ends the sentence before it; what follows it starts the next one.
        pending.end = piece.start + marker[0].length;
        const rest = trimSpan(text, pending.end, piece.end);
        if (!rest) continue;
        piece.start = rest.start;
        piece.end = rest.end;
      }
      if (pending && endsWithAbbreviation(text, pending) && !/\n\s*\n/.test(text.slice(pending.end, piece.start))) {
        pending.end = piece.end;
      } else {
        if (pending) spans.push(pending);
        pending = { ...piece };
      }
    }
  }
  if (pending) spans.push(pending);
  return spans;
}

/** Characters handed to Intl.Segmenter at a time (see segments). */
export const SEGMENT_WINDOW = 2048;
/** Boundaries this close to a window's cut are not trusted: the rules may look ahead past the cut. */
const LOOKAHEAD_MARGIN = 256;

/**
 * Intl.Segmenter's segments of `text`, found a bounded window at a time. V8's segment iterator costs time in
 * proportion to the whole input for every segment it yields, so one pass over a long text is quadratic (a 256 KB text
 * of short sentences took 74 s, 1 MB over 300 s). The sentence rules decide a boundary from the text since the
 * previous boundary and a little beyond it, so a window that starts at a boundary and whose last `LOOKAHEAD_MARGIN`
 * characters are re-read by the next window gives the same boundaries. A window with no boundary before its margin
 * (one very long sentence) doubles until it has one.
 */
function* segments(text: string): Generator<{ index: number; segment: string }> {
  let from = 0;
  let size = SEGMENT_WINDOW;
  while (from < text.length) {
    const end = Math.min(text.length, from + size);
    const window = end === text.length && from === 0 ? text : text.slice(from, end);
    const found = [...segmenter.segment(window)];
    // Up to the last boundary the window can vouch for: all of them at the end of the text.
    const trusted = end === text.length ? found.length : found.findLastIndex((s) => s.index + s.segment.length <= window.length - LOOKAHEAD_MARGIN) + 1;
    if (trusted === 0) {
      size *= 2;
      continue;
    }
    for (let i = 0; i < trusted; i++) yield { index: from + found[i]!.index, segment: found[i]!.segment };
    const last = found[trusted - 1]!;
    from += last.index + last.segment.length;
    size = SEGMENT_WINDOW;
  }
}

/**
 * Tested on the span's last characters only: a right-anchored pattern is otherwise tried from every position of the
 * sentence. Spans end trimmed, the longest abbreviation with its dot is 5 characters, and the character before it
 * gives the word boundary its left-hand side: 8 leaves room to spare.
 */
const endsWithAbbreviation = (text: string, span: Span): boolean => ABBREVIATION_END.test(text.slice(Math.max(span.start, span.end - 9), span.end));

/** Splits a segment at line breaks (a line break ends a sentence in article text) and trims each piece. */
function splitOnLineBreaks(segment: string, offset: number): Span[] {
  const pieces: Span[] = [];
  const lineBreak = /\n+/g;
  let from = 0;
  for (let match = lineBreak.exec(segment); ; match = lineBreak.exec(segment)) {
    const to = match ? match.index : segment.length;
    const trimmed = trimSpan(segment, from, to);
    if (trimmed) pieces.push({ start: offset + trimmed.start, end: offset + trimmed.end });
    if (!match) break;
    from = match.index + match[0].length;
  }
  return pieces;
}

function trimSpan(text: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : undefined;
}
