// Written by scripts/fit-ranker.ts: do not edit by hand. Fitted on the dev split; see that script for how.
import type { RankerWeights } from './ranker.js';

export const RANKER: RankerWeights = {
  fittedOn: 'dev split: 178 cases, 10256 sentences; balanced accuracy 0.742 on dev at the chosen thresholds',
  weights: {
    coverExact: 3.647,
    coverNear: 0.802,
    coverFar: 0.389,
    coverContext: 1.06,
    namesInSentence: 0.509,
    namesInContext: 1.407,
    modifiersInContext: 0.945,
    typeInSentence: 1.591,
    typeInClause: 1.181,
    focusInSentence: 1.322,
    bigrams: 2.159,
    rank: 1.822,
    retrieved: 1.872,
    firstInBlock: -0.195,
    listItem: -0.059,
    leadIn: 0.989,
    unattributedQuote: -0.159,
    dangling: -0.193,
    statesUnknown: -0.552,
    short: 0.351,
    powersCard: 0.755
  },
  bias: -9.947,
  answerThreshold: 0.05,
  supportRatio: 0.5,
  minAttainable: 0.6
};
