// The source pane: the whole article as text, the cited span wrapped in <mark> so it can be scrolled into view.
import { html, nothing } from 'lit';
import type { Document } from '../core/schema.js';
import type { Failure } from './failure.js';
import { closeIcon } from './icons.js';
import { outletLine, safeHttpUrl } from './source-groups.js';

export interface PaneState {
  docId: string;
  span?: { start: number; end: number };
  status: 'loading' | 'ready' | 'failed';
  document?: Document;
  failure?: Failure;
}

export function renderPane(pane: PaneState, on: { close(): void; reload(): void }) {
  const doc = pane.document;
  const href = safeHttpUrl(doc?.url);
  return html`<aside class="pane" role="dialog" aria-labelledby="pane-title" data-doc=${pane.docId}>
    <header>
      <div class="titles">
        <h2 id="pane-title">${doc?.title ?? 'Loading source…'}</h2>
        ${doc && (outletLine(doc) || href)
          ? html`<p class="meta">${outletLine(doc)}${href ? html`${outletLine(doc) ? ' · ' : ''}<a href=${href} target="_blank" rel="noopener noreferrer">original</a>` : nothing}</p>`
          : nothing}
      </div>
      <button class="icon-button close-pane" type="button" aria-label="Close source" @click=${on.close}>${closeIcon}</button>
    </header>
    <div class="pane-body" tabindex="0" aria-label="Article text">
      ${pane.status === 'failed'
        ? html`<div class="failure" role="alert"><p>${pane.failure?.message ?? 'The source could not be loaded.'}</p>
            <button class="retry" type="button" @click=${on.reload}>Retry</button></div>`
        : doc
          ? renderArticle(doc.text, pane.span)
          : html`<p class="status">Loading…</p>`}
    </div>
  </aside>`;
}

function renderArticle(text: string, span: PaneState['span']) {
  const valid = span && span.start < span.end && span.end <= text.length;
  if (!valid) return html`<p class="article">${text}</p>`;
  return html`<p class="article">${text.slice(0, span.start)}<mark>${text.slice(span.start, span.end)}</mark>${text.slice(span.end)}</p>`;
}
