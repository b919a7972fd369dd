// Written by scripts/fit-ranker.ts: do not edit by hand. Fitted on the dev split; see that script for how.
import type { RankerWeights } from './ranker.js';

export const RANKER: RankerWeights = {
  fittedOn: 'dev split: 178 cases, 10492 sentences; balanced accuracy 0.745 on dev at the chosen thresholds',
  weights: {
    coverExact: 3.693,
    coverNear: 0.708,
    coverFar: 0.165,
    coverContext: 0.961,
    namesInSentence: 0.436,
    namesInContext: 1.219,
    modifiersInContext: 0.969,
    typeInSentence: 1.812,
    typeInClause: 0.867,
    focusInSentence: 1.192,
    bigrams: 1.951,
    rank: 1.77,
    retrieved: 1.812,
    firstInBlock: -0.254,
    listItem: 0.12,
    leadIn: 0.75,
    unattributedQuote: -0.158,
    dangling: -0.201,
    statesUnknown: -0.563,
    short: 0.222,
    powersCard: 0.985
  },
  bias: -9.404,
  answerThreshold: 0.05,
  supportRatio: 0.5,
  minAttainable: 0.6
};
