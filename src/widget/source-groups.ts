// Sources under an answer: one entry per cited document, its marker numbers, and the other outlets carrying the same passages.
import { outletName } from '../core/outlet-name.js';
import type { Citation, SourceRef } from '../core/schema.js';

export interface SourceGroup {
  docId: string;
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
  /** Marker numbers citing this document, ascending. */
  numbers: number[];
  /** The first citation of this document: opening the group highlights its span. */
  first: Citation;
  /** Other outlets (by document) carrying the cited passages, excluding documents listed in their own right. */
  otherOutlets: { docId: string; title: string; publisher?: string }[];
  /** The document's own underlying sources, from its front matter. */
  sources: SourceRef[];
  /** The primary sources the cited passages rest on, each with the markers resting on it. */
  primaries: { numbers: number[]; source: SourceRef }[];
}

export function groupSources(citations: readonly Citation[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const citation of [...citations].sort((a, b) => a.n - b.n)) {
    const group = groups.get(citation.docId);
    if (group) {
      group.numbers.push(citation.n);
      group.otherOutlets.push(...citation.alsoIn);
      addPrimary(group, citation);
      continue;
    }
    groups.set(citation.docId, {
      docId: citation.docId,
      title: citation.title,
      publisher: citation.publisher,
      date: citation.date,
      url: citation.url,
      numbers: [citation.n],
      first: citation,
      otherOutlets: [...citation.alsoIn],
      sources: citation.sources,
      primaries: [],
    });
    addPrimary(groups.get(citation.docId)!, citation);
  }
  const cited = new Set(groups.keys());
  for (const group of groups.values()) {
    const seen = new Set<string>();
    group.otherOutlets = group.otherOutlets.filter((carrier) => {
      if (cited.has(carrier.docId) || seen.has(carrier.docId)) return false;
      seen.add(carrier.docId);
      return true;
    });
  }
  return [...groups.values()];
}

function addPrimary(group: SourceGroup, citation: Citation): void {
  const source = citation.primarySource;
  if (!source) return;
  const same = group.primaries.find((p) => p.source.title === source.title && p.source.url === source.url && p.source.publisher === source.publisher);
  if (same) same.numbers.push(citation.n);
  else group.primaries.push({ numbers: [citation.n], source });
}

/** "Online Safety Act 2023, Sch. 13 para 4 · legislation.gov.uk": a primary source as a citation line names it. */
export function primaryLine(source: SourceRef): string {
  const title = source.title?.replace(/\bSchedule (\d+), paragraph (\d+)/g, 'Sch. $1 para $2');
  return [title, source.publisher].filter(Boolean).join(' · ') || source.url || 'Unnamed source';
}

/** "via Remit explainers · 2026-05-20": the document that carries a primary source's passage. */
export function viaLine(document: { publisher?: string; date?: string; title: string }): string {
  return `via ${outletLine(document) || document.title}`;
}

/** "also carried by 2 other outlets", or nothing when the passage is unique. */
export function alsoCarriedLabel(count: number): string {
  if (count <= 0) return '';
  return `also carried by ${count} other outlet${count === 1 ? '' : 's'}`;
}

/** "The Guardian · 2026-01-12"; "unknown outlet" when no publisher is known. */
export function outletLine(source: { publisher?: string; date?: string }): string {
  return [outletName(source), source.date].filter(Boolean).join(' · ');
}

/** Only web links are rendered as links; anything else (javascript:, data:) stays text. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
