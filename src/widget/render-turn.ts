// One question and its answer: streamed text with [n] buttons, the cited sources, abstention, actions and failures.
// Everything from the server goes through Lit text bindings, so no source or answer text is ever parsed as HTML.
import { html, nothing, type TemplateResult } from 'lit';
import { outletName } from '../core/outlet-name.js';
import type { Citation, SourceRef } from '../core/schema.js';
import type { ChatTurn } from './conversation.js';
import { failureMessage, retryLabel, secondsUntilRetry } from './failure.js';
import { copyIcon, thumbDownIcon, thumbUpIcon } from './icons.js';
import { splitMarkers } from './markers.js';
import './powers-cards.js';
import { alsoCarriedLabel, groupSources, outletLine, primaryLine, safeHttpUrl, viaLine } from './source-groups.js';

/** The citation tooltip currently shown; <remit-chat> places it beside its marker once rendered. */
export interface TipState {
  turnId: string;
  n: number;
}

export interface TurnHandlers {
  showTip(turn: ChatTurn, n: number, marker: HTMLElement): void;
  hideTip(): void;
  openSource(docId: string, span?: { start: number; end: number }): void;
  copy(turn: ChatTurn): void;
  rate(turn: ChatTurn, rating: 'up' | 'down'): void;
  retry(turn: ChatTurn): void;
}

/** `now` (epoch ms) is the chat's clock: a rate-limited turn's Retry counts down against it. */
export function renderTurn(turn: ChatTurn, tip: TipState | undefined, copied: boolean, now: number, on: TurnHandlers): TemplateResult {
  const abstained = turn.answer?.abstained ?? false;
  const tipId = `tip-${turn.id}`;
  const activeTip = tip?.turnId === turn.id ? tip : undefined;
  const byNumber = new Map(turn.citations.map((citation) => [citation.n, citation]));
  return html`
    <p class="question">${turn.question}</p>
    <article class="answer ${abstained ? 'abstained' : ''}" aria-busy=${turn.status === 'waiting' || turn.status === 'streaming'} data-status=${turn.status}>
      ${abstained ? html`<p class="abstain-label">No supported answer in the sources</p>` : nothing}
      ${turn.text
        ? html`<p class="answer-text">${splitMarkers(turn.text, new Set(byNumber.keys())).map((segment) =>
            segment.kind === 'text' ? segment.text : renderMarker(turn, byNumber.get(segment.n)!, activeTip, tipId, on),
          )}</p>`
        : statusLine(turn)}
      ${activeTip && byNumber.has(activeTip.n) ? renderTip(byNumber.get(activeTip.n)!, tipId) : nothing}
      ${turn.status === 'done' && !abstained ? renderSources(turn.citations, on) : nothing}
      ${turn.status === 'done' ? html`<remit-powers .question=${turn.question} .answer=${turn.answer} @remit-open-source=${(e: CustomEvent<{ docId: string; start: number; end: number }>) => on.openSource(e.detail.docId, e.detail)}></remit-powers>` : nothing}
      ${abstained ? renderRelated(turn, on) : nothing}
      ${turn.answer?.warnings.length ? html`<ul class="warnings">${turn.answer.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
      ${turn.status === 'done' ? renderActions(turn, copied, on) : nothing}
      ${turn.failure ? renderFailure(turn, now, on) : nothing}
    </article>
  `;
}

function statusLine(turn: ChatTurn) {
  if (turn.status === 'waiting') return html`<p class="status">Searching the sources…</p>`;
  if (turn.status === 'streaming') return html`<p class="status">Found ${turn.hits} passages; writing…</p>`;
  return nothing;
}

function renderMarker(turn: ChatTurn, citation: Citation, tip: TipState | undefined, tipId: string, on: TurnHandlers) {
  const label = `Source ${citation.n}: ${citation.title}, ${outletName(citation)}`;
  return html`<button
    class="marker"
    type="button"
    data-n=${citation.n}
    aria-label=${label}
    aria-describedby=${tip?.n === citation.n ? tipId : nothing}
    @mouseenter=${(e: Event) => on.showTip(turn, citation.n, e.currentTarget as HTMLElement)}
    @focus=${(e: Event) => on.showTip(turn, citation.n, e.currentTarget as HTMLElement)}
    @mouseleave=${() => on.hideTip()}
    @blur=${() => on.hideTip()}
    @click=${() => on.openSource(citation.docId, { start: citation.start, end: citation.end })}
  >[${citation.n}]</button>`;
}

// No style attribute: the page's CSP (style-src 'self') refuses inline styles; <remit-chat> positions it through CSSOM.
function renderTip(citation: Citation, id: string) {
  return html`<div class="tip" role="tooltip" id=${id}>
    <span class="quote">“${citation.quote.trim()}”</span>
    ${citation.primarySource
      ? html`<span class="primary">${primaryLine(citation.primarySource)}</span>
          <span class="outlet">${viaLine(citation)}</span>`
      : html`<span class="outlet">${outletLine(citation) || citation.title}</span>`}
  </div>`;
}

function renderSources(citations: readonly Citation[], on: TurnHandlers) {
  const groups = groupSources(citations);
  if (!groups.length) return nothing;
  return html`<section class="sources" aria-label="Sources">
    <h3>Sources</h3>
    <ol>
      ${groups.map((group) => {
        const also = alsoCarriedLabel(group.otherOutlets.length);
        const others = group.otherOutlets.map((o) => o.publisher ?? o.title).join(', ');
        const open = () => on.openSource(group.docId, { start: group.first.start, end: group.first.end });
        if (group.primaries.length) {
          // The primary sources first, with their links; the document that carries the passages after "via".
          const numbered = group.primaries.length > 1;
          return html`<li data-doc=${group.docId}>
            ${group.primaries.map(
              (primary) => html`<div class="primary">
                <span class="nums">${(numbered ? primary.numbers : group.numbers).map((n) => `[${n}]`).join('')}</span>
                ${renderPrimary(primary.source)}
              </div>`,
            )}
            <div class="meta via">via <button class="source-link" type="button" @click=${open}>${group.title}</button>${outletLine(group) ? ` · ${outletLine(group)}` : ''}</div>
            ${renderAlso(also, others)}
            ${renderUnderlying(group.sources)}
          </li>`;
        }
        return html`<li data-doc=${group.docId}>
          <span class="nums">${group.numbers.map((n) => `[${n}]`).join('')}</span>
          <button class="source-link" type="button" @click=${open}>${group.title}</button>
          ${outletLine(group) ? html`<span class="meta">${outletLine(group)}</span>` : nothing}
          ${renderAlso(also, others)}
          ${renderUnderlying(group.sources)}
        </li>`;
      })}
    </ol>
  </section>`;
}

function renderAlso(also: string, others: string) {
  return also ? html`<div class="meta also" title=${others}>${also}${others ? ` (${others})` : ''}</div>` : nothing;
}

function renderUnderlying(sources: readonly SourceRef[]) {
  return sources.length
    ? html`<details class="underlying-list">
        <summary>Based on ${sources.length} underlying source${sources.length === 1 ? '' : 's'}</summary>
        <ul class="underlying">${sources.map(renderSourceRef)}</ul>
      </details>`
    : nothing;
}

/** A primary source as a link when it has a web address, else as text. */
function renderPrimary(source: SourceRef) {
  const href = safeHttpUrl(source.url);
  const label = primaryLine(source);
  return href ? html`<a class="primary-link" href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : html`<span class="primary-text">${label}</span>`;
}

function renderSourceRef(source: SourceRef) {
  const text = [source.publisher, source.title, source.date].filter(Boolean).join(' — ') || source.url || 'Unnamed source';
  const href = safeHttpUrl(source.url);
  return html`<li>${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${text}</a>` : text}</li>`;
}

function renderRelated(turn: ChatTurn, on: TurnHandlers) {
  const related = turn.answer?.related ?? [];
  if (!related.length) return nothing;
  return html`<section class="related" aria-label="Closest sources">
    <h3>Closest sources</h3>
    <ul>
      ${related.map(
        (doc) => html`<li>
          <button class="source-link" type="button" @click=${() => on.openSource(doc.id)}>${doc.title}</button>
          ${outletLine(doc) ? html`<span class="meta">${outletLine(doc)}</span>` : nothing}
        </li>`,
      )}
    </ul>
  </section>`;
}

function renderActions(turn: ChatTurn, copied: boolean, on: TurnHandlers) {
  const feedback = turn.feedback;
  const note =
    copied ? 'Copied with citations.' : feedback?.status === 'sent' ? 'Thanks for the feedback.' : feedback?.status === 'failed' ? 'Feedback could not be sent.' : '';
  return html`<div class="actions">
    <button class="icon-button copy" type="button" @click=${() => on.copy(turn)}>${copyIcon}<span>Copy</span></button>
    <button class="icon-button rate-up" type="button" aria-label="Helpful" aria-pressed=${feedback?.rating === 'up'} ?disabled=${feedback?.status === 'sending'} @click=${() => on.rate(turn, 'up')}>${thumbUpIcon}</button>
    <button class="icon-button rate-down" type="button" aria-label="Not helpful" aria-pressed=${feedback?.rating === 'down'} ?disabled=${feedback?.status === 'sending'} @click=${() => on.rate(turn, 'down')}>${thumbDownIcon}</button>
    <span class="note" role="status">${note}</span>
  </div>`;
}

function renderFailure(turn: ChatTurn, now: number, on: TurnHandlers) {
  const failure = turn.failure!;
  return html`<div class="failure" role="alert" data-kind=${failure.kind}>
    <p>${failureMessage(failure, now)}</p>
    <button class="retry" type="button" ?disabled=${secondsUntilRetry(failure, now) > 0} @click=${() => on.retry(turn)}>${retryLabel(failure, now)}</button>
  </div>`;
}
