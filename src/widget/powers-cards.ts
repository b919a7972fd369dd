// <remit-powers>: under an answer about a regulator's powers, the cards of the kinds asked (two open, the rest folded);
// for "how does Ofcom compare with the EU?", the UK / EU / Australia comparison. Which cards fit is the core's choice
// (powersForQuestion): none under an abstention, none that disagree with the answer. Text bindings only.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import * as z from 'zod';
import { type AnswerSummary, type ComparisonRow, powersForQuestion } from '../core/powers/for-question.js';
import { powersAsked, REGIMES } from '../core/powers/question.js';
import { Power, type PowerCitation } from '../core/powers/schema.js';
import { cardFields, cardTitle, KIND_LABEL } from './powers-view.js';

const PowerList = z.object({ powers: z.array(Power) });
const MAX_QUOTES = 3;

/** One request per API base for the life of the page: the table changes only on ingest. */
const tables = new Map<string, Promise<Power[]>>();
function loadPowers(endpoint: string): Promise<Power[]> {
  const base = endpoint.replace(/\/+$/, '');
  let table = tables.get(base);
  if (!table) {
    table = fetch(`${base}/api/powers`, { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((json) => PowerList.parse(json).powers);
    table.catch(() => tables.delete(base));
    tables.set(base, table);
  }
  return table;
}

export class RemitPowers extends LitElement {
  static override properties = {
    question: { type: String },
    answer: { attribute: false },
    endpoint: { type: String },
    powers: { state: true },
    failed: { state: true },
  };
  declare question: string;
  /** The answer shown above the cards: no cards under an abstention, none that disagree with it. */
  declare answer: AnswerSummary | undefined;
  /** API base URL; empty means this page's origin (or the enclosing <remit-chat>'s endpoint). */
  declare endpoint: string;
  declare powers: Power[] | undefined;
  declare failed: boolean;

  constructor() {
    super();
    this.question = '';
    this.endpoint = '';
    this.failed = false;
  }

  /** Whether the question and answer could show anything: only then is the table fetched. */
  get #wanted(): boolean {
    return !this.answer?.abstained && powersAsked(this.question) !== undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('question') || changed.has('endpoint') || changed.has('answer')) && this.#wanted && !this.powers) void this.#load();
  }

  async #load(): Promise<void> {
    // Inside <remit-chat>'s shadow root, use its endpoint unless one is given.
    const host = (this.getRootNode() as ShadowRoot).host as (Element & { endpoint?: string }) | undefined;
    try {
      this.powers = await loadPowers(this.endpoint || host?.endpoint || '');
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  protected override render() {
    if (this.failed || !this.powers || !this.#wanted) return nothing;
    const selection = powersForQuestion(this.question, this.powers, this.answer);
    if (!selection) return nothing;
    return selection.view === 'compare' ? this.#comparison(selection.rows) : this.#cards(selection.regulator, selection.powers, selection.open);
  }

  #cards(regulator: string, powers: readonly Power[], open: number) {
    const folded = powers.slice(open);
    return html`<section aria-label=${`What ${regulator} can do`}>
      <h3>What ${regulator} can do</h3>
      <ul class="cards">${powers.slice(0, open).map((power) => this.#card(power))}</ul>
      ${folded.length
        ? html`<details class="more">
            <summary>${folded.length} more of ${regulator}’s powers</summary>
            <ul class="cards">${folded.map((power) => this.#card(power))}</ul>
          </details>`
        : nothing}
      <p class="note">Fields no source states are left out.</p>
    </section>`;
  }

  #card(power: Power) {
    return html`<li class="card">
      <h4>${cardTitle(power)}</h4>
      <dl>
        ${cardFields(power).map(
          (field) => html`<dt>${field.label}</dt>
            <dd>
              ${field.value}${field.conflict ? html` <span class="conflict-flag">sources disagree</span>` : nothing}
              ${this.#quotes(field.quotes)}
              ${field.conflict
                ? html`<ul class="conflict" role="note">
                    ${field.conflict.map((v) => html`<li><strong>${v.value}</strong>: ${this.#quote(v.citation)}</li>`)}
                  </ul>`
                : nothing}
            </dd>`,
        )}
      </dl>
    </li>`;
  }

  #comparison(rows: readonly ComparisonRow[]) {
    return html`<section aria-label="Powers compared">
      <h3>Powers compared</h3>
      <table>
        <thead><tr><th scope="col">Power</th>${REGIMES.map((r) => html`<th scope="col">${r.label}</th>`)}</tr></thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <th scope="row">${KIND_LABEL[row.kind]}</th>
              ${row.cells.map((cell) => html`<td>${cell.text}${cell.quote ? html`<div class="cell-quote">${this.#quote(cell.quote)}</div>` : nothing}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="note">“—” means no indexed source states it.</p>
    </section>`;
  }

  #quotes(quotes: readonly PowerCitation[]) {
    if (!quotes.length) return nothing;
    return html`<details>
      <summary>${quotes.length === 1 ? '1 source' : `${quotes.length} sources`}</summary>
      <ol>${quotes.slice(0, MAX_QUOTES).map((q) => html`<li>${this.#quote(q)}</li>`)}</ol>
    </details>`;
  }

  #quote(citation: PowerCitation) {
    return html`<q>${citation.quote}</q> <button type="button" class="source" @click=${() => this.#open(citation)}>${citation.title}</button>`;
  }

  /** The chat opens its source pane on this event (the same span highlighting as answer citations). */
  #open(citation: PowerCitation): void {
    this.dispatchEvent(new CustomEvent('remit-open-source', { detail: { docId: citation.docId, start: citation.start, end: citation.end }, bubbles: true, composed: true }));
  }

  static override styles = css`
    :host { display: block; margin-top: 0.75rem; font: inherit; color: inherit; }
    h3 { font-size: 0.95rem; margin: 0 0 0.5rem; }
    h4 { font-size: 0.9rem; margin: 0 0 0.35rem; }
    .cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
    .card { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: 0.5rem; padding: 0.6rem 0.75rem; }
    dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.6rem; font-size: 0.85rem; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    details { font-size: 0.8rem; }
    summary { cursor: pointer; opacity: 0.8; }
    details.more { font-size: inherit; margin-top: 0.5rem; }
    details.more > summary { font-size: 0.85rem; opacity: 1; width: fit-content; }
    details.more > .cards { margin-top: 0.5rem; }
    q { font-style: italic; }
    button.source { font: inherit; font-size: 0.75rem; background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; color: inherit; }
    .conflict-flag { font-size: 0.7rem; font-weight: 600; padding: 0 0.35rem; border-radius: 0.25rem; background: #fde68a; color: #78350f; }
    .conflict { font-size: 0.8rem; padding-left: 1rem; }
    table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.4rem; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
    .cell-quote { font-size: 0.75rem; opacity: 0.85; margin-top: 0.2rem; }
    .note { font-size: 0.75rem; opacity: 0.7; margin: 0.4rem 0 0; }
  `;
}

if (!customElements.get('remit-powers')) customElements.define('remit-powers', RemitPowers);

declare global {
  interface HTMLElementTagNameMap {
    'remit-powers': RemitPowers;
  }
}
