// extractPowers: the offline (rule-based) powers table for a set of documents.
import type { Document } from '../schema.js';
import { enforcerIndex, extractFacts } from './facts.js';
import { mergeFacts } from './merge.js';
import type { Power, PowersQuery } from './schema.js';

export function extractPowers(documents: readonly Document[]): Power[] {
  const enforcers = enforcerIndex(documents);
  return mergeFacts(documents.flatMap((document) => extractFacts(document, enforcers)));
}

/** Powers of a regulator (case-insensitive, by name or part of it) and/or of one kind. */
export function filterPowers(powers: readonly Power[], query: PowersQuery): Power[] {
  const regulator = query.regulator?.toLowerCase();
  return powers.filter((p) => (!regulator || p.regulator.toLowerCase().includes(regulator)) && (!query.kind || p.kind === query.kind));
}
