// What each known sentence-embedding model needs to be used correctly: its pooling and its query instruction.

export type Pooling = 'cls' | 'mean';

export interface ModelProfile {
  pooling: Pooling;
  /** Prepended to queries only (asymmetric retrieval models); passages are embedded as they are. */
  queryPrefix: string;
}

export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/bge-small-en-v1.5';

/** BGE v1.5's instruction for short queries against passages (from the model card). */
const BGE_QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';

const PROFILES: Record<string, ModelProfile> = {
  'Xenova/bge-small-en-v1.5': { pooling: 'cls', queryPrefix: BGE_QUERY_PREFIX },
  'Xenova/bge-base-en-v1.5': { pooling: 'cls', queryPrefix: BGE_QUERY_PREFIX },
  'Xenova/bge-large-en-v1.5': { pooling: 'cls', queryPrefix: BGE_QUERY_PREFIX },
  'Xenova/all-MiniLM-L6-v2': { pooling: 'mean', queryPrefix: '' },
  'Xenova/all-MiniLM-L12-v2': { pooling: 'mean', queryPrefix: '' },
};

/** Unknown models get mean pooling and no prefix, the sentence-transformers default. */
export const profileFor = (model: string): ModelProfile => PROFILES[model] ?? { pooling: 'mean', queryPrefix: '' };
