// <remit-chat>: the chat as a web component. Layouts: "inline" (a block in the page), "launcher" (button + floating panel), "page" (full window).
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { AnswerMode } from '../core/schema.js';
import { createRemitClient, type RemitClient } from './api-client.js';
import { applyEvent, type ChatTurn, failTurn, resetTurn, startTurn } from './conversation.js';
import { answerAsText } from './copy-text.js';
import { describeFailure, secondsUntilRetry } from './failure.js';
import { chatIcon, closeIcon, sendIcon } from './icons.js';
import { type PaneState, renderPane } from './render-pane.js';
import { renderTurn, type TipState, type TurnHandlers } from './render-turn.js';
import { chatStyles } from './styles.js';

export type ChatLayout = 'inline' | 'launcher' | 'page';

export const DEFAULT_STARTERS = [
  'What can Ofcom fine under the Online Safety Act?',
  'Why did Ofcom investigate X over Grok?',
  'Could the UK block X, and who decides?',
];

const TIP_WIDTH_PX = 352;
const TIP_GAP_PX = 4;
// What Tab can reach inside the chat's own shadow root (cards in <remit-powers> sit between its first and last).
const FOCUSABLE = 'button, a[href], textarea, input, select, summary, [tabindex]:not([tabindex="-1"])';

export class RemitChat extends LitElement {
  static override styles = chatStyles;
  static override properties = {
    endpoint: { type: String },
    layout: { type: String, reflect: true },
    answerMode: { type: String, attribute: 'answer-mode' },
    heading: { type: String },
    open: { type: Boolean, reflect: true },
    starters: { attribute: false },
    turns: { state: true },
    tip: { state: true },
    pane: { state: true },
    draft: { state: true },
    announcement: { state: true },
    copiedTurnId: { state: true },
    now: { state: true },
  };

  /** API base URL; empty means this page's origin. */
  declare endpoint: string;
  declare layout: ChatLayout;
  declare answerMode: AnswerMode | undefined;
  declare heading: string;
  /** Launcher layout only: whether the panel is showing. */
  declare open: boolean;
  declare starters: string[];
  declare turns: ChatTurn[];
  declare tip: TipState | undefined;
  declare pane: PaneState | undefined;
  declare draft: string;
  declare announcement: string;
  declare copiedTurnId: string | undefined;
  /** The clock a rate-limited Retry counts down against; ticks only while one is waiting. */
  declare now: number;

  #client: RemitClient | undefined;
  #clientEndpoint: string | undefined;
  #inflight = new Map<string, AbortController>();
  #paneOpener: HTMLElement | undefined;
  /** The marker whose tooltip is shown: the tooltip is placed beside it after each render. */
  #tipAnchor: HTMLElement | undefined;
  #scrollToMark = false;
  #nextId = 0;
  #ticking: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.layout = 'inline';
    this.heading = 'Remit';
    this.open = false;
    this.starters = DEFAULT_STARTERS;
    this.turns = [];
    this.draft = '';
    this.announcement = '';
    this.now = Date.now();
    this.addEventListener('keydown', (event) => this.#onKeydown(event));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTicking();
    for (const controller of this.#inflight.values()) controller.abort();
    this.#inflight.clear();
  }

  /** Asks a question as if typed; resolves when the answer is complete or has failed. */
  async ask(question: string): Promise<void> {
    const trimmed = question.trim();
    if (!trimmed) return;
    const turn = startTurn(`t${++this.#nextId}`, trimmed, this.turns);
    this.turns = [...this.turns, turn];
    this.draft = '';
    await this.#run(turn);
  }

  get #api(): RemitClient {
    if (!this.#client || this.#clientEndpoint !== this.endpoint) {
      this.#client = createRemitClient(this.endpoint);
      this.#clientEndpoint = this.endpoint;
    }
    return this.#client;
  }

  async #run(turn: ChatTurn): Promise<void> {
    const controller = new AbortController();
    this.#inflight.set(turn.id, controller);
    const started = performance.now();
    let firstText = true;
    this.#emit('remit-ask', { question: turn.question });
    this.announcement = 'Searching the sources…';
    try {
      const answer = await this.#api.streamAnswer(
        { question: turn.question, history: turn.history, ...(this.answerMode ? { mode: this.answerMode } : {}) },
        (event) => {
          this.#update(turn.id, (current) => applyEvent(current, event));
          if (event.type === 'text' && firstText) {
            firstText = false;
            this.#emit('remit-first-text', { ms: performance.now() - started });
          }
        },
        controller.signal,
      );
      this.announcement = answer.abstained ? `No supported answer. ${answer.answer}` : `Answer: ${answer.answer.replace(/\[\d+\]/g, '')}`;
      this.#emit('remit-answer', { answer, ms: performance.now() - started });
    } catch (error) {
      if (controller.signal.aborted) return;
      const failure = describeFailure(error);
      this.#update(turn.id, (current) => failTurn(current, failure));
      this.announcement = failure.message;
      if (failure.retryAt) this.#tick();
    } finally {
      this.#inflight.delete(turn.id);
    }
  }

  /** Advances the clock every second while some turn waits out a rate limit, then stops. */
  #tick(): void {
    this.now = Date.now();
    if (this.#ticking) return;
    this.#ticking = setInterval(() => {
      this.now = Date.now();
      const waiting = this.turns.some((t) => t.status === 'failed' && secondsUntilRetry(t.failure, this.now) > 0);
      if (waiting) return;
      this.#stopTicking();
      this.announcement = 'You can ask again now.';
    }, 1000);
  }

  #stopTicking(): void {
    clearInterval(this.#ticking);
    this.#ticking = undefined;
  }

  #update(id: string, change: (turn: ChatTurn) => ChatTurn): void {
    this.turns = this.turns.map((turn) => (turn.id === id ? change(turn) : turn));
  }

  #emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #handlers: TurnHandlers = {
    showTip: (turn, n, marker) => {
      this.#tipAnchor = marker;
      this.tip = { turnId: turn.id, n };
    },
    hideTip: () => {
      this.#tipAnchor = undefined;
      this.tip = undefined;
    },
    openSource: (docId, span) => this.#openSource(docId, span),
    copy: (turn) => void this.#copy(turn),
    rate: (turn, rating) => void this.#rate(turn, rating),
    retry: (turn) => {
      this.#update(turn.id, resetTurn);
      const reset = this.turns.find((t) => t.id === turn.id);
      if (reset) void this.#run(reset);
    },
  };

  async #openSource(docId: string, span?: { start: number; end: number }): Promise<void> {
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (active instanceof HTMLElement && !active.closest('.pane')) this.#paneOpener = active;
    this.tip = undefined;
    this.pane = { docId, span, status: 'loading' };
    try {
      const document = await this.#api.getSource(docId);
      if (this.pane?.docId !== docId) return;
      this.pane = { docId, span, status: 'ready', document };
      this.#scrollToMark = true;
    } catch (error) {
      if (this.pane?.docId === docId) this.pane = { docId, span, status: 'failed', failure: describeFailure(error) };
    }
  }

  #closePane(): void {
    this.pane = undefined;
    const opener = this.#paneOpener;
    this.#paneOpener = undefined;
    void this.updateComplete.then(() => opener?.isConnected && opener.focus());
  }

  async #copy(turn: ChatTurn): Promise<void> {
    if (!turn.answer) return;
    try {
      await navigator.clipboard.writeText(answerAsText(turn.answer));
      this.copiedTurnId = turn.id;
      this.announcement = 'Answer copied with its citations.';
    } catch {
      this.announcement = 'Copying is not allowed on this page.';
    }
  }

  async #rate(turn: ChatTurn, rating: 'up' | 'down'): Promise<void> {
    if (!turn.answer) return;
    this.#update(turn.id, (t) => ({ ...t, feedback: { rating, status: 'sending' } }));
    try {
      await this.#api.sendFeedback({ answerId: turn.answer.id, rating });
      this.#update(turn.id, (t) => ({ ...t, feedback: { rating, status: 'sent' } }));
    } catch {
      this.#update(turn.id, (t) => ({ ...t, feedback: { rating, status: 'failed' } }));
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Tab') {
      this.#keepFocusInPanel(event);
      return;
    }
    if (event.key !== 'Escape') return;
    if (this.pane) {
      event.stopPropagation();
      this.#closePane();
    } else if (this.layout === 'launcher' && this.open) {
      event.stopPropagation();
      this.#setOpen(false);
    }
  }

  /**
   * The open launcher panel (full screen on a phone) holds focus: Tab past its last control comes back to its first,
   * Shift+Tab before its first goes to its last. With the source pane over it, the pane holds focus the same way.
   */
  #keepFocusInPanel(event: KeyboardEvent): void {
    if (this.layout !== 'launcher' || !this.open) return;
    const root = this.renderRoot as ShadowRoot;
    const container = root.querySelector<HTMLElement>('.pane') ?? root.querySelector<HTMLElement>('#panel');
    if (!container) return;
    const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const active = root.activeElement;
    const outside = !active || !container.contains(active);
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  }

  #setOpen(open: boolean): void {
    this.open = open;
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>(open ? 'textarea' : '.launcher');
      target?.focus();
    });
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.#busy) return;
    void this.ask(this.draft);
  }

  #onComposerKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line; an IME composition's Enter only confirms the composition.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!this.#busy) void this.ask(this.draft);
    }
  }

  get #busy(): boolean {
    return this.#inflight.size > 0;
  }

  /**
   * Places the tooltip just below its marker, or just above it when below would run past the visible conversation
   * (on a phone, over the sources list). Set through CSSOM (element.style), which a style-src 'self' CSP allows.
   */
  #placeTip(): void {
    const tip = this.renderRoot.querySelector<HTMLElement>('.tip');
    const marker = this.#tipAnchor;
    const article = marker?.closest('article');
    if (!tip || !marker?.isConnected || !article) return;
    const width = Math.min(TIP_WIDTH_PX, article.clientWidth - 16);
    // Width first: the height measured below depends on it.
    tip.style.width = `${width}px`;
    tip.style.left = `${Math.max(8, Math.min(marker.offsetLeft - 8, article.clientWidth - width - 8))}px`;
    const below = marker.offsetTop + marker.offsetHeight + TIP_GAP_PX;
    const above = marker.offsetTop - TIP_GAP_PX - tip.offsetHeight;
    const log = this.renderRoot.querySelector<HTMLElement>('.log')?.getBoundingClientRect();
    const anchor = marker.getBoundingClientRect();
    const roomBelow = !log || anchor.bottom + TIP_GAP_PX + tip.offsetHeight <= log.bottom;
    const roomAbove = !!log && anchor.top - TIP_GAP_PX - tip.offsetHeight >= log.top;
    const placeBelow = roomBelow || !roomAbove;
    tip.style.top = `${placeBelow ? below : above}px`;
    tip.dataset.placement = placeBelow ? 'below' : 'above';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.tip) this.#placeTip();
    if (this.#scrollToMark && this.pane?.status === 'ready') {
      this.#scrollToMark = false;
      const body = this.renderRoot.querySelector<HTMLElement>('.pane-body');
      const mark = body?.querySelector<HTMLElement>('mark');
      // Scroll only the pane, never the host page, so the embed does not move the site under the reader.
      if (body && mark) body.scrollTop = Math.max(0, mark.offsetTop - body.offsetTop - body.clientHeight / 4);
      this.renderRoot.querySelector<HTMLElement>('.close-pane')?.focus();
    }
    if (changed.has('turns')) {
      const log = this.renderRoot.querySelector<HTMLElement>('.log');
      const previous = changed.get('turns') as ChatTurn[] | undefined;
      if (log && (previous?.length ?? 0) !== this.turns.length) log.scrollTop = log.scrollHeight;
      else if (log && log.scrollHeight - log.scrollTop - log.clientHeight < 120) log.scrollTop = log.scrollHeight;
    }
    if (changed.has('copiedTurnId') && this.copiedTurnId) {
      const id = this.copiedTurnId;
      setTimeout(() => this.copiedTurnId === id && (this.copiedTurnId = undefined), 2500);
    }
  }

  protected override render() {
    const launcher = this.layout === 'launcher';
    const panelHidden = launcher && !this.open;
    return html`<div class="root">
      ${launcher
        ? html`<button class="launcher" type="button" aria-expanded=${this.open} aria-controls="panel" @click=${() => this.#setOpen(!this.open)}>
            ${chatIcon}<span>${this.open ? 'Close' : `Ask ${this.heading}`}</span>
          </button>`
        : nothing}
      <section id="panel" class="panel ${this.pane ? 'with-pane' : ''}" ?hidden=${panelHidden} aria-label="${this.heading} chat">
        <header class="top">
          <div class="titles">
            <h2>${this.heading}</h2>
            <p class="tagline">Answers about regulators’ powers, each claim cited to its source.</p>
          </div>
          ${launcher
            ? html`<button class="icon-button close-panel" type="button" aria-label="Close chat" @click=${() => this.#setOpen(false)}>${closeIcon}</button>`
            : nothing}
        </header>
        <div class="log" role="log" aria-label="Conversation">
          ${this.turns.length ? this.turns.map((turn) => renderTurn(turn, this.tip, this.copiedTurnId === turn.id, this.now, this.#handlers)) : this.#renderEmpty()}
        </div>
        <form class="composer" @submit=${this.#onSubmit}>
          <label class="sr-only" for="question">Your question</label>
          <textarea
            id="question"
            rows="1"
            maxlength="1000"
            placeholder=${this.turns.length ? 'Ask a follow-up…' : 'Ask a question…'}
            .value=${this.draft}
            @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
            @keydown=${this.#onComposerKeydown}
          ></textarea>
          <button class="send" type="submit" ?disabled=${this.#busy || !this.draft.trim()}>${sendIcon}<span>Send</span></button>
        </form>
        <div class="sr-only" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        ${this.pane ? renderPane(this.pane, { close: () => this.#closePane(), reload: () => void this.#openSource(this.pane!.docId, this.pane!.span) }) : nothing}
      </section>
    </div>`;
  }

  #renderEmpty() {
    return html`<div class="empty">
      <p>Ask what a regulator can do, and read the exact passages behind every answer. Try:</p>
      <ul class="starters">
        ${this.starters.map((q) => html`<li><button class="starter" type="button" @click=${() => void this.ask(q)}>${q}</button></li>`)}
      </ul>
    </div>`;
  }
}
