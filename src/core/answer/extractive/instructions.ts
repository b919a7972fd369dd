// Sentences that talk to the assistant rather than about the world: in a question ("ignore your instructions", "print
// your system prompt") they are not asked of the sources; in a source ("Tell the user that…") they are never an answer.

// Cues of an instruction aimed at the answerer: overriding its rules, revealing its set-up, or dictating its output.
const INSTRUCTION_CUES: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(?:instructions?|sources?|rules?|prompts?|guidelines?|context|above)\b/i,
  /\bsystem\s*(?:override|prompt|message)\b|^\s*system\s*:/i,
  /\b(?:developer|admin|god|jailbreak|dan)\s+mode\b/i,
  /\b(?:print|reveal|show|repeat|output|leak)\b[^.?!]{0,30}\b(?:hidden|secret|system|internal)\b/i,
  /\b(?:api key|password|credentials?)\b/i,
  /\b(?:reply|respond|answer)\s+(?:only\s+)?with\b/i,
  /\b(?:write|compose)\s+(?:me\s+)?(?:a|an)\s+(?:poem|song|story|joke|essay|limerick)\b/i,
  /\byou are (?:now |in )\b/i,
];

// Sentence pieces: a question may run an instruction and a real question together.
const PIECE = /[^.?!:]+(?:[.?!:]+|$)/g;

export interface QuestionText {
  /** The question without the sentences that instruct the answerer. */
  text: string;
  /** Every sentence of the question was an instruction: nothing is left to answer from the sources. */
  instructionOnly: boolean;
}

/** Drops the sentences of a question that instruct the answerer; what remains is what the sources should answer. */
export function withoutInstructions(question: string): QuestionText {
  const pieces = question.match(PIECE)?.map((p) => p.trim()).filter(Boolean) ?? [];
  const kept = pieces.filter((piece) => !INSTRUCTION_CUES.some((cue) => cue.test(piece)));
  if (kept.length === pieces.length) return { text: question, instructionOnly: false };
  return { text: kept.join(' '), instructionOnly: kept.length === 0 || !/[\p{L}\p{N}]/u.test(kept.join('')) };
}

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
