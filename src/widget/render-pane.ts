// The source pane: the whole article as text in its structure (headings, lists, paragraphs, read by the core from the
// text itself), the cited span wrapped in <mark> so it can be scrolled into view. Text bindings only: nothing from a
// source is ever parsed as HTML.
import { html, nothing } from 'lit';
import type { Document } from '../core/schema.js';
import { textBlocks } from '../core/text/blocks.js';
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
  const cited = span && span.start < span.end && span.end <= text.length ? span : undefined;
  return html`<div class="article">
    ${textBlocks(text).map((block) => {
      if (block.kind === 'heading') return html`<h3>${marked(text, block, cited)}</h3>`;
      if (block.kind === 'list') return html`<ul>${block.items.map((item) => html`<li>${marked(text, item, cited)}</li>`)}</ul>`;
      return html`<p>${marked(text, block, cited)}</p>`;
    })}
  </div>`;
}

/** The text of [start, end), with the part inside the cited span in <mark>. */
function marked(text: string, range: { start: number; end: number }, cited: { start: number; end: number } | undefined) {
  const from = cited ? Math.max(range.start, cited.start) : 0;
  const to = cited ? Math.min(range.end, cited.end) : 0;
  if (!cited || from >= to) return text.slice(range.start, range.end);
  return html`${text.slice(range.start, from)}<mark>${text.slice(from, to)}</mark>${text.slice(to, range.end)}`;
}
