// The primary source a cited passage rests on, from the sources its document lists (an explainer's front matter):
// the provision it cites ("Schedule 13, paragraph 4(1)" -> "Online Safety Act 2023, Schedule 13, paragraph 4"), the
// publisher it quotes on the day it names ("Ofcom stated on 27 February 2026" -> that Ofcom release). No clear match
// picks nothing, rather than pin a claim on a source it may not rest on; a document with one source rests on that one.
import { findAll, STATUTES } from '../powers/lexicon.js';
import type { Citation, Hit, SourceRef } from '../schema.js';
import { escapeRegExp } from '../text/regexp.js';

type Provision = `${'section' | 'schedule' | 'article' | 'part' | 'chapter'} ${string}`;

const PROVISIONS =
  /\b(?:Sch(?:edule|\.)\s*(\d+)(?:,?\s*(?:paragraph|para\.?)\s*(\d+))?|(?:sections?|ss?\.)\s*(\d+[A-Z]?(?:\(\d+\))?(?:\s*(?:,|and|to|or)\s*\d+[A-Z]?(?:\(\d+\))?)*)|Articles?\s*(\d+(?:\(\d+\))?(?:\s*(?:,|and|to|or)\s*\d+(?:\(\d+\))?)*)|Part\s+(\d+)|Chapter\s+(\d+))/gi;
// legislation.gov.uk, AustLII and article sites put the provision in the path: /schedule/13/paragraph/4, /s77.html, /article/74.
const URL_PROVISIONS = /\/(?:(schedule)\/(\d+)(?:\/paragraph\/(\d+))?|(section)\/(\d+[a-z]?)|s(\d+[a-z]?)\.html|(article)\/(\d+)|(part)\/(\d+))/gi;

/** Provisions a text cites, at the level sources name them: "Article 74(2)" is Article 74, "section 146 and 147" both. */
export function provisionsIn(text: string): Set<Provision> {
  const found = new Set<Provision>();
  for (const m of text.matchAll(PROVISIONS)) {
    if (m[1]) {
      found.add(`schedule ${m[1]}`);
      if (m[2]) found.add(`schedule ${m[1]} paragraph ${m[2]}` as Provision);
    }
    for (const n of numbers(m[3])) found.add(`section ${n.toLowerCase()}`);
    for (const n of numbers(m[4])) found.add(`article ${n}`);
    if (m[5]) found.add(`part ${m[5]}`);
    if (m[6]) found.add(`chapter ${m[6]}`);
  }
  return found;
}

const numbers = (list: string | undefined): string[] => (list ? [...list.matchAll(/(\d+[A-Z]?)(?:\(\d+\))?/gi)].map((m) => m[1]!) : []);

function sourceProvisions(source: SourceRef): Set<Provision> {
  const found = provisionsIn(source.title ?? '');
  for (const m of (source.url ?? '').matchAll(URL_PROVISIONS)) {
    if (m[1]) {
      found.add(`schedule ${m[2]}`);
      if (m[3]) found.add(`schedule ${m[2]} paragraph ${m[3]}` as Provision);
    }
    if (m[4] || m[6]) found.add(`section ${(m[5] ?? m[6])!.toLowerCase()}`);
    if (m[7]) found.add(`article ${m[8]}`);
    if (m[9]) found.add(`part ${m[10]}`);
  }
  return found;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WRITTEN_DATE = /\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b/g;
const datesIn = (text: string): Set<string> =>
  new Set([...text.matchAll(WRITTEN_DATE)].map((m) => `${m[3]}-${String(MONTHS.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`));

/** "Ofcom (pubt.io mirror)" is Ofcom; "Independent (Uganda), carrying Xinhua" is the Independent. */
const publisherName = (publisher: string | undefined): string | undefined => publisher?.replace(/\s*[(,].*$/, '').trim() || undefined;
const ATTRIBUTION = (name: string) =>
  new RegExp(`\\b${escapeRegExp(name)}(?:'s|’s)?\\s+(?:\\w+\\s+){0,2}?(?:said|says|stated|states|announced|confirmed|reported|wrote|told|published|warned|noted)\\b|\\baccording to (?:the )?${escapeRegExp(name)}\\b`, 'i');

/** Enough to name a source: a provision it holds, or its publisher quoted (on the day the source is dated). */
const MIN_SCORE = 5;

export function primarySourceFor(passage: string, sources: readonly SourceRef[]): SourceRef | undefined {
  if (sources.length === 1) return sources[0];
  const cited = provisionsIn(passage);
  const statutes = new Set(findAll(passage, STATUTES).map((m) => m.value));
  const dates = datesIn(passage);
  let best: { source: SourceRef; score: number } | undefined;
  for (const source of sources) {
    const score = scoreSource(source, passage, cited, statutes, dates);
    // Ties keep the earlier source: explainers list what they rest on most first.
    if (score >= MIN_SCORE && (!best || score > best.score)) best = { source, score };
  }
  return best?.source;
}

function scoreSource(source: SourceRef, passage: string, cited: Set<Provision>, statutes: Set<string>, dates: Set<string>): number {
  let score = 0;
  const held = sourceProvisions(source);
  const sourceStatutes = findAll(source.title ?? '', STATUTES).map((m) => m.value);
  // Section 77 of Australia's Act is not section 77 of the UK's.
  const sameStatute = !statutes.size || !sourceStatutes.length || sourceStatutes.some((s) => statutes.has(s));
  if (sameStatute) {
    for (const provision of cited) if (held.has(provision)) score += provision.includes('paragraph') ? 4 : provision.startsWith('part') || provision.startsWith('chapter') ? 3 : 6;
    // A paragraph other than the one cited is another provision, even in the same schedule.
    const citedParagraphs = [...cited].filter((p) => p.includes('paragraph'));
    const heldParagraphs = [...held].filter((p) => p.includes('paragraph'));
    if (citedParagraphs.length && heldParagraphs.length && !heldParagraphs.some((p) => cited.has(p))) score = 0;
  }
  const name = publisherName(source.publisher);
  if (name && name.length > 2 && new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i').test(passage)) {
    if (source.date && dates.has(source.date)) score += 6;
    else if (ATTRIBUTION(name).test(passage)) score += 5;
  }
  return score;
}

/** Each citation with the primary source its passage rests on, read from the passage and the paragraph it opens in. */
export function withPrimarySource(citation: Citation, hits: readonly Hit[]): Citation {
  if (!citation.sources.length || citation.primarySource) return citation;
  const primary = primarySourceFor(passageOf(citation, hits), citation.sources);
  return primary ? { ...citation, primarySource: primary } : citation;
}

/** The quote, after the part of its paragraph (or list item) that leads up to it ("Section 100 ... It also lets ..."), when retrieved. */
function passageOf(citation: Citation, hits: readonly Hit[]): string {
  const chunk = hits.find((h) => h.chunk.docId === citation.docId && h.chunk.start <= citation.start && citation.end <= h.chunk.end)?.chunk;
  if (!chunk) return citation.quote;
  const before = chunk.text.slice(0, citation.start - chunk.start);
  // Its own line of the clean text: its paragraph, or its list item (the item above it, "Ofcom, … Schedule 13", is
  // another claim).
  return `${before.slice(before.lastIndexOf('\n') + 1)}${citation.quote}`;
}
