// extractPowers: the offline (rule-based) powers table for a set of documents.
import type { Document } from '../schema.js';
import { rulesPowers, rulesPowersOf } from './document-powers.js';
import type { Power, PowersQuery } from './schema.js';

/** The rules' cards for `documents`, in the order given: what an index's table holds when they are its documents. */
export function extractPowers(documents: readonly Document[]): Power[] {
  return rulesPowersOf(documents.map((document) => ({ document, powers: rulesPowers(document) })));
}

/** Powers of a regulator (case-insensitive, by name or part of it) and/or of one kind. */
export function filterPowers(powers: readonly Power[], query: PowersQuery): Power[] {
  const regulator = query.regulator?.toLowerCase();
  return powers.filter((p) => (!regulator || p.regulator.toLowerCase().includes(regulator)) && (!query.kind || p.kind === query.kind));
}
