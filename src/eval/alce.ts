// ALCE citation recall and precision (Gao et al. 2023, "Enabling Large Language Models to Generate Text with Citations", §2.3),
// following the reference implementation: per answer, recall = supported sentences / sentences,
// precision = needed citations / citations.
import type { Claim } from './claims.js';
import type { SupportJudge } from './judge/judge.js';

export interface SentenceJudgement {
  text: string;
  cited: number[];
  /** The concatenation of its cited passages entails it (false when it cites nothing or a missing number). */
  supported: boolean;
  /** Citations that neither support it alone nor are needed by the rest (ALCE's "irrelevant" citations). */
  unneeded: number[];
}

export interface CitationQuality {
  /** Null when the answer has no claim sentences (e.g. an abstention). */
  recall: number | null;
  precision: number | null;
  citations: number;
  sentences: SentenceJudgement[];
}

export async function judgeCitations(
  claims: readonly Claim[],
  passages: ReadonlyMap<number, string>,
  judge: SupportJudge,
  signal?: AbortSignal,
): Promise<CitationQuality> {
  if (!claims.length) return { recall: null, precision: null, citations: 0, sentences: [] };
  const joined = (numbers: readonly number[]) => numbers.map((n) => passages.get(n)!).join('\n');
  const sentences: SentenceJudgement[] = [];
  let supportedCount = 0;
  let needed = 0;
  let citations = 0;
  for (const claim of claims) {
    citations += claim.cited.length;
    const resolvable = claim.cited.length > 0 && claim.cited.every((n) => passages.has(n));
    const supported = resolvable && (await judge.supports(joined(claim.cited), claim.text, signal));
    const unneeded: number[] = [];
    if (supported && claim.cited.length > 1) {
      for (const n of claim.cited) {
        // Condition A: the citation alone supports the sentence, so it is needed.
        if (await judge.supports(passages.get(n)!, claim.text, signal)) continue;
        // Condition B: without it the rest still supports the sentence, so it is not needed.
        const rest = claim.cited.filter((m) => m !== n);
        if (await judge.supports(joined(rest), claim.text, signal)) unneeded.push(n);
      }
      needed += claim.cited.length - unneeded.length;
    } else if (supported) {
      needed += 1;
    }
    if (supported) supportedCount += 1;
    sentences.push({ text: claim.text, cited: claim.cited, supported, unneeded });
  }
  return { recall: supportedCount / claims.length, precision: citations ? needed / citations : 0, citations, sentences };
}
