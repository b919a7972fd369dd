// A SupportJudge decides whether a premise (cited passages) entails a hypothesis (one answer sentence), as NLI does in ALCE.

export interface SupportJudge {
  /** Names the judge and its version, recorded in every report so runs judged differently are not compared blindly. */
  readonly id: string;
  supports(premise: string, hypothesis: string, signal?: AbortSignal): Promise<boolean>;
}

/** Remembers verdicts: ALCE asks the same (premise, hypothesis) pair again when checking precision. */
export function memoizeJudge(judge: SupportJudge): SupportJudge {
  const verdicts = new Map<string, Promise<boolean>>();
  return {
    id: judge.id,
    supports(premise, hypothesis, signal) {
      const key = `${premise}\u0000${hypothesis}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = judge.supports(premise, hypothesis, signal);
        verdicts.set(key, verdict);
        verdict.catch(() => verdicts.delete(key));
      }
      return verdict;
    },
  };
}
