// Written by scripts/fit-ranker.ts: do not edit by hand. Fitted on the dev split; see that script for how.
import type { RankerWeights } from './ranker.js';

export const RANKER: RankerWeights = {
  fittedOn: 'dev split: 372 cases, 18016 sentences, verbInSentence line-searched end to end; balanced accuracy 0.796 on dev at the chosen thresholds',
  weights: {
    coverExact: 3.647,
    coverNear: 0,
    coverFar: 0,
    coverContext: 1.56,
    namesInSentence: 0.509,
    namesInContext: 1.407,
    modifiersInContext: 0.945,
    typeInSentence: 1.273,
    typeInClause: 1.181,
    focusInSentence: 1.058,
    bigrams: 2.159,
    rank: 1.822,
    retrieved: 1.872,
    firstInBlock: -0.195,
    listItem: -0.118,
    leadIn: 0.989,
    unattributedQuote: -0.159,
    dangling: -0.193,
    statesUnknown: -0.552,
    short: 0.351,
    powersCard: 0.755,
    verbInSentence: 1
  },
  bias: -9.947,
  answerThreshold: 0.05,
  supportRatio: 0.5,
  minAttainable: 0.6
};
