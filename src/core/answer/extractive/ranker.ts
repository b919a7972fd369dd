// The ranker: a logistic model over a candidate's features, whose weights and thresholds are fitted on the dev split
// of the evals (scripts/fit-ranker.ts), never set by hand on the cases reported.
import { FEATURES, type FeatureName, type Features } from './features.js';
import { RANKER } from './ranker-weights.js';

export interface RankerWeights {
  /** What the weights were fitted on, and when: so a report can say which model answered. */
  fittedOn: string;
  weights: Readonly<Record<FeatureName, number>>;
  bias: number;
  /** A lead below this relevance is not an answer: the sources don't say. */
  answerThreshold: number;
  /** A further sentence must reach this share of the lead's relevance. */
  supportRatio: number;
  /**
   * Below this weighted share of the question's words appearing anywhere in the sources, the sources are about
   * something else ("the boiling point of liquid nitrogen" against articles that only say "a point").
   */
  minAttainable: number;
}

export const DEFAULT_RANKER: RankerWeights = RANKER;

/** The probability-like relevance of a sentence, 0..1. */
export function relevanceOf(features: Features, ranker: RankerWeights = DEFAULT_RANKER): number {
  let z = ranker.bias;
  for (const name of FEATURES) z += (ranker.weights[name] ?? 0) * features[name];
  return 1 / (1 + Math.exp(-z));
}
