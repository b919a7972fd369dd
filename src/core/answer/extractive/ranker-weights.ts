// Written by scripts/fit-ranker.ts: do not edit by hand. Fitted on the dev split; see that script for how.
import type { RankerWeights } from './ranker.js';

export const RANKER: RankerWeights = {
  fittedOn: 'dev split: 178 cases, 10326 sentences; 122/178 dev cases right at the chosen thresholds',
  weights: {
    coverExact: 3.606,
    coverNear: 0.719,
    coverFar: 0.266,
    coverContext: 0.986,
    namesInSentence: 0.389,
    namesInContext: 1.223,
    modifiersInContext: 1.002,
    typeInSentence: 1.829,
    typeInClause: 0.852,
    focusInSentence: 1.205,
    bigrams: 1.933,
    rank: 1.784,
    retrieved: 1.843,
    firstInBlock: -0.264,
    listItem: 0.11,
    leadIn: 0.746,
    unattributedQuote: -0.162,
    dangling: -0.204,
    statesUnknown: -0.567,
    short: 0.214,
    powersCard: 1.157
  },
  bias: -9.411,
  answerThreshold: 0.05,
  supportRatio: 0.5,
  minAttainable: 0
};
