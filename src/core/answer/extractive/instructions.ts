// Sentences that talk to the assistant rather than about the world: in a question ("ignore your instructions", "print
// your system prompt") they are not asked of the sources. (In a source, src/core/text/addressed.ts finds them.)

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
