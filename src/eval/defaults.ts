// Defaults the eval command names in its help, apart from the modules that use them (zod, the Anthropic SDK).
/** Passages retrieved per question. */
export const DEFAULT_K = 8;
/** The Claude judge of citation support. */
export const DEFAULT_JUDGE_MODEL = 'claude-haiku-4-5';
/** Where the datasets, the reports and the gate's thresholds are, from the working folder. */
export const DEFAULT_EVALS_DIR = 'evals';
export const DEFAULT_OUT_DIR = 'evals/out';
export const DEFAULT_THRESHOLDS = 'evals/thresholds.json';
