// Strict mode: a sentence that states something without a source is removed before the answer is shown.
import { markerNumbers } from '../citations.js';
import { sentenceSpans } from '../../text/sentences.js';

// Same reading as claimSentences: a claim ends with sentence punctuation; a heading or lead-in does not.
const CLAIM_END = /[.!?]["”’')\]]*$/;
const LEADING_MARKERS = /^(?:\s*\[\d+\])+/;

export function removeUnsupportedSentences(answer: string): { answer: string; removed: number } {
  const spans = sentenceSpans(answer);
  const cut: { start: number; end: number }[] = [];
  spans.forEach((span, i) => {
    const text = answer.slice(span.start, span.end);
    const next = spans[i + 1];
    const markedAfter = next ? LEADING_MARKERS.test(answer.slice(next.start, next.end)) : false;
    if (markerNumbers(text).length === 0 && CLAIM_END.test(text) && !markedAfter) {
      // Take the white space after the sentence too, so no double spaces remain.
      cut.push({ start: span.start, end: next ? next.start : answer.length });
    }
  });
  let out = answer;
  for (const { start, end } of cut.reverse()) out = out.slice(0, start) + out.slice(end);
  return { answer: out.trim(), removed: cut.length };
}
