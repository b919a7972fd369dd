// Written by scripts/fit-ranker.ts: do not edit by hand. Fitted on the dev split; see that script for how.
import type { RankerWeights } from './ranker.js';

export const RANKER: RankerWeights = {
  fittedOn: 'dev split: 178 cases, 10274 sentences; 121/178 dev cases right at the chosen thresholds',
  weights: {
    coverExact: 3.616,
    coverNear: 0.776,
    coverFar: -0.017,
    coverContext: 1.319,
    namesInSentence: 0.33,
    namesInContext: 1.412,
    modifiersInContext: 1.024,
    typeInSentence: 1.823,
    typeInClause: 0.922,
    focusInSentence: 1.027,
    bigrams: 1.919,
    rank: 1.719,
    retrieved: 1.657,
    firstInBlock: -0.393,
    listItem: 0.166,
    leadIn: 0.122,
    unattributedQuote: -0.177,
    dangling: -0.184,
    statesUnknown: -0.584,
    short: 0.128
  },
  bias: -9.235,
  answerThreshold: 0.05,
  supportRatio: 0.5,
  minAttainable: 0.4
};
