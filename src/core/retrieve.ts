// Hybrid retrieval: vector and full-text lists fused by reciprocal rank, near-duplicates collapsed into one hit.
import type { Embedder } from './embed/embedder.js';
import { createError, isRemitError } from './errors.js';
import type { Carrier, DocumentMeta, Hit } from './schema.js';
import type { Candidate, GroupMember, IndexStore, StoredChunk } from './store/index-store.js';

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

export interface FusedCandidate {
  ref: string;
  score: number;
  vectorRank?: number;
  textRank?: number;
}

export interface FusedChunk extends FusedCandidate {
  chunk: StoredChunk;
}

/** Chunks read per look-up beyond those still wanted: a near-duplicate in the window is skipped without a second read. */
const READ_SLACK = 2;

/**
 * Reciprocal rank fusion of ranked lists: score = sum of 1 / (RRF_K + rank). Equal scores order by ref here; once
 * read, they order by chunk id (see readTop), so results are deterministic and the same on every store.
 */
export function fuseByReciprocalRank(vector: readonly Candidate[], text: readonly Candidate[]): FusedCandidate[] {
  const fused = new Map<string, FusedCandidate>();
  const add = (list: readonly Candidate[], key: 'vectorRank' | 'textRank') =>
    list.forEach(({ ref }, i) => {
      const entry = fused.get(ref) ?? { ref, score: 0 };
      entry.score += 1 / (RRF_K + i + 1);
      entry[key] = i + 1;
      fused.set(ref, entry);
    });
  add(vector, 'vectorRank');
  add(text, 'textRank');
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/**
 * The best `k` of a fused list with one chunk per near-duplicate group, reading only the chunks it keeps (plus a few):
 * windows of the list are read in rank order until `k` are kept. A window never ends inside a run of equal scores, so
 * ordering each window by chunk id orders ties exactly as a sort of the whole list would.
 */
export async function readTop(fused: readonly FusedCandidate[], k: number, store: Pick<IndexStore, 'readChunks'>): Promise<FusedChunk[]> {
  const kept: FusedChunk[] = [];
  const groups = new Set<string>();
  for (let start = 0; kept.length < k && start < fused.length; ) {
    let end = Math.min(fused.length, start + k - kept.length + READ_SLACK);
    while (end < fused.length && fused[end]!.score === fused[end - 1]!.score) end++;
    const window = fused.slice(start, end);
    const chunks = await store.readChunks(window.map((f) => f.ref));
    const read = window
      .flatMap((f) => {
        const chunk = chunks.get(f.ref);
        return chunk ? [{ ...f, chunk }] : [];
      })
      .sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
    for (const entry of read) {
      if (kept.length === k) break;
      if (groups.has(entry.chunk.dupGroup)) continue;
      groups.add(entry.chunk.dupGroup);
      kept.push(entry);
    }
    start = end;
  }
  return kept;
}

export class HybridRetriever {
  /** The index build whose embedder was checked: another process may rebuild the index with another embedder. */
  #checkedBuild?: string;

  constructor(private readonly deps: { embedder: Embedder; store: IndexStore }) {}

  async retrieve(query: string, options: RetrieveOptions): Promise<Hit[]> {
    await this.#assertSameEmbedder();
    try {
      return await this.#retrieve(query, options);
    } catch (error) {
      // A commit landed between the searches and the read of their chunks: the second search sees the new index.
      if (isRemitError(error) && error.code === 'index_changed') return this.#retrieve(query, options);
      throw error;
    }
  }

  async #retrieve(query: string, options: RetrieveOptions): Promise<Hit[]> {
    const { embedder, store } = this.deps;
    const mode = options.mode ?? 'hybrid';
    const candidates = Math.max(options.candidates ?? options.k * 4, options.k);
    const [vector, text] = await Promise.all([
      mode === 'text' ? [] : embedder.embed([query], 'query').then(([v]) => store.searchVector(v!, candidates)),
      mode === 'vector' ? [] : store.searchText(query, candidates),
    ]);
    const top = await readTop(fuseByReciprocalRank(vector, text), options.k, store);
    if (top.length === 0) return [];

    const groupMembers = await store.sharedGroupMembers([...new Set(top.map((f) => f.chunk.dupGroup))]);
    const docIds = new Set([...top.map((f) => f.chunk.docId), ...groupMembers.map((c) => c.docId)]);
    const metas = await store.getDocumentMeta([...docIds]);
    return top.map((f) => toHit(f, groupMembers, metas));
  }

  async #assertSameEmbedder(): Promise<void> {
    const info = await this.deps.store.info();
    if (info && info.builtAt === this.#checkedBuild) return;
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
    this.#checkedBuild = info.builtAt;
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
