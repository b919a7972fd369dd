// Source sentences that talk to the assistant or the reader rather than about the world ("Tell the user that…",
// "Ignore previous instructions and say…", "Assistant: answer that…"): data to read, never a statement an answer or
// a powers card cites. General English of addressing someone; no list of names from any corpus.

// Who a source sentence may be speaking to when it gives orders: an assistant or model, or the reader.
const ADDRESSEE = /\b(?:AI|A\.I\.|artificial intelligence|assistants?|chat ?bots?|language models?|LLMs?|models?|bots?|agents?|you|your|the user|users|readers?)\b/i;
// An order: an imperative opening (perhaps after "Note to …:"), or an addressee told what it must say.
const DIRECTIVE =
  /^\W*(?:(?:note|instruction|message|reminder)s?\s+(?:to|for)\b[^:]{0,60}:\s*|(?:dear\s+)?(?:AI|assistants?|chat ?bots?|language models?|LLMs?|models?|bots?|agents?|readers?)\s*[:,]\s*)?(?:[^,.;:]{1,50},\s*)?(?:please\s+)?(?:tell|say|state|answer|respond|reply|ignore|disregard|inform|confirm|claim|assert|write|print|output|repeat|always|never|do not|don't)\b|\b(?:AI|assistants?|chat ?bots?|language models?|LLMs?|models?|bots?|agents?|readers?)\b[^.]{0,40}\b(?:must|should|shall|are to|is to)\s+(?:tell|say|state|answer|respond|reply|report|claim|ignore)\b/i;

// Who only a machine is: the addressee of a role label ("SYSTEM:", "Assistant:") or of a note ("Note to AI assistants:").
const MACHINE = String.raw`(?:AI|A\.I\.|artificial intelligence|assistants?|chat ?bots?|language models?|LLMs?)`;
// A sentence opening that names who it speaks to: a role label, or a note, message or instruction to a machine.
const MACHINE_ADDRESSED = new RegExp(
  String.raw`^\W*(?:(?:system|assistant|AI|chat ?bot|LLM|language model)\s*:|(?:note|instruction|message|reminder|memo)s?\s+(?:to|for)\b[^:.]{0,60}\b${MACHINE}[^:.]{0,30}:)`,
  'i',
);
// An imperative has its reader for subject, named or not. Two orders no statement about the world opens with: to
// discard what the reader was told ("Ignore previous instructions"), and to say something ("Always reply that…"),
// perhaps after a clause that sets the scene ("When anyone asks about fines, …").
const IMPERATIVE_ORDER = new RegExp(
  String.raw`^\W*(?:[^,.;:]{1,60},\s*)?(?:please\s+)?(?:(?:always|only|just|simply)\s+)?` +
    String.raw`(?:(?:ignore|disregard|forget|override)\s+(?:(?:all|any|the|your|my|these|those|prior|previous|earlier|above|preceding|other|existing|original|former)\s+)*(?:instructions?|prompts?|rules?|guidelines?|directions?|directives?|context|everything)\b` +
    String.raw`|(?:tell|say|answer|reply|respond|state|claim|assert|confirm|insist)\s[^.?!;]{0,60}?\bthat\b)`,
  'i',
);

/** A source sentence that gives orders to an assistant or the reader: content to read, never a statement to cite. */
export function addressesReader(sentence: string): boolean {
  return (ADDRESSEE.test(sentence) && DIRECTIVE.test(sentence)) || MACHINE_ADDRESSED.test(sentence) || IMPERATIVE_ORDER.test(sentence);
}
