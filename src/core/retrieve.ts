// Hybrid retrieval: vector and full-text lists fused by reciprocal rank, near-duplicates collapsed into one hit.
import type { Embedder } from './embed/embedder.js';
import { createError } from './errors.js';
import type { Carrier, DocumentMeta, Hit } from './schema.js';
import type { GroupMember, IndexStore, ScoredChunk, StoredChunk } from './store/index-store.js';

export type RetrievalMode = 'hybrid' | 'vector' | 'text';

export interface RetrieveOptions {
  /** Hits to return after collapsing duplicates. */
  k: number;
  mode?: RetrievalMode;
  /** Candidates to take from each list before fusion. */
  candidates?: number;
}

/** The usual RRF constant (Cormack et al. 2009): damps the weight of the very top ranks. */
export const RRF_K = 60;

export interface FusedChunk {
  chunk: StoredChunk;
  score: number;
  vectorRank?: number;
  textRank?: number;
}

/** Reciprocal rank fusion of ranked lists: score = sum of 1 / (RRF_K + rank). */
export function fuseByReciprocalRank(vector: readonly ScoredChunk[], text: readonly ScoredChunk[]): FusedChunk[] {
  const fused = new Map<string, FusedChunk>();
  const add = (list: readonly ScoredChunk[], key: 'vectorRank' | 'textRank') =>
    list.forEach(({ chunk }, i) => {
      const entry = fused.get(chunk.id) ?? { chunk, score: 0 };
      entry.score += 1 / (RRF_K + i + 1);
      entry[key] = i + 1;
      fused.set(chunk.id, entry);
    });
  add(vector, 'vectorRank');
  add(text, 'textRank');
  // Ties (equal fused score) break on chunk id so results are deterministic.
  return [...fused.values()].sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
}

/** Keeps the best-ranked chunk of each near-duplicate group, in order. */
export function collapseDuplicates(fused: readonly FusedChunk[]): FusedChunk[] {
  const seen = new Set<string>();
  return fused.filter(({ chunk }) => (seen.has(chunk.dupGroup) ? false : (seen.add(chunk.dupGroup), true)));
}

export class HybridRetriever {
  #checkedEmbedder = false;

  constructor(private readonly deps: { embedder: Embedder; store: IndexStore }) {}

  async retrieve(query: string, options: RetrieveOptions): Promise<Hit[]> {
    const { embedder, store } = this.deps;
    await this.#assertSameEmbedder();
    const mode = options.mode ?? 'hybrid';
    const candidates = Math.max(options.candidates ?? options.k * 4, options.k);
    const [vector, text] = await Promise.all([
      mode === 'text' ? [] : embedder.embed([query], 'query').then(([v]) => store.searchVector(v!, candidates)),
      mode === 'vector' ? [] : store.searchText(query, candidates),
    ]);
    const top = collapseDuplicates(fuseByReciprocalRank(vector, text)).slice(0, options.k);
    if (top.length === 0) return [];

    const groupMembers = await store.sharedGroupMembers([...new Set(top.map((f) => f.chunk.dupGroup))]);
    const docIds = new Set([...top.map((f) => f.chunk.docId), ...groupMembers.map((c) => c.docId)]);
    const metas = await store.getDocumentMeta([...docIds]);
    return top.map((f) => toHit(f, groupMembers, metas));
  }

  async #assertSameEmbedder(): Promise<void> {
    if (this.#checkedEmbedder) return;
    const info = await this.deps.store.info();
    if (!info) {
      throw createError({ code: 'index_missing', message: 'The index is empty', hint: 'Run `remit ingest <paths>` first.' });
    }
    if (info.embedder !== this.deps.embedder.id) {
      throw createError({
        code: 'embedder_mismatch',
        message: `The index was built with embedder "${info.embedder}" but queries use "${this.deps.embedder.id}"`,
        hint: 'Re-ingest with the current embedder (`remit ingest --rebuild <paths>`) or select the one the index was built with (--embedder).',
      });
    }
    this.#checkedEmbedder = true;
  }
}

function toHit(fused: FusedChunk, groupMembers: readonly GroupMember[], metas: Map<string, DocumentMeta>): Hit {
  const { chunk } = fused;
  const document = metas.get(chunk.docId);
  if (!document) throw createError({ code: 'index_corrupt', message: `Chunk ${chunk.id} points at missing document ${chunk.docId}` });
  const carriers = new Map<string, Carrier>();
  for (const member of groupMembers) {
    if (member.dupGroup !== chunk.dupGroup || member.docId === chunk.docId || carriers.has(member.docId)) continue;
    const meta = metas.get(member.docId);
    if (!meta) continue;
    carriers.set(member.docId, {
      docId: meta.id,
      title: meta.title,
      publisher: meta.publisher,
      date: meta.date,
      origin: meta.origin,
      chunkId: member.id,
    });
  }
  const { dupGroup: _group, ...plainChunk } = chunk;
  return {
    chunk: plainChunk,
    document,
    score: fused.score,
    vectorRank: fused.vectorRank,
    textRank: fused.textRank,
    alsoIn: [...carriers.values()],
  };
}
