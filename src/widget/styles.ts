// The widget's styles, scoped by shadow DOM; `all: initial` on the host stops inherited host styles (font, colour) leaking in.
import { css } from 'lit';

export const chatStyles = css`
  :host {
    all: initial;
    display: block;
    color-scheme: light dark;
    --bg: #ffffff;
    --fg: #1b1f24;
    --muted: #57606a;
    --surface: #f3f5f7;
    --border: #d0d7de;
    --accent: #0a58a8;
    --accent-fg: #ffffff;
    --mark-bg: #ffe58f;
    --mark-fg: #1b1f24;
    --abstain-bg: #fff8e5;
    --abstain-border: #b7860b;
    --danger: #b42318;
    --shadow: 0 8px 28px rgb(0 0 0 / 0.18);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --bg: #15181c;
      --fg: #e6e8eb;
      --muted: #a0aab4;
      --surface: #1f2429;
      --border: #3a424b;
      --accent: #79b8ff;
      --accent-fg: #0b1a2b;
      --mark-bg: #7a5d00;
      --mark-fg: #ffffff;
      --abstain-bg: #2b2410;
      --abstain-border: #c99a2e;
      --danger: #ff8a80;
      --shadow: 0 8px 28px rgb(0 0 0 / 0.6);
    }
  }
  /* Host-page rules can still style the host element itself (e.g. "* { font-family: serif !important }"),
     so every inherited text property is set again here, inside the shadow root. */
  .root {
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    color: var(--fg);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: left;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    font-style: normal;
    font-weight: 400;
    visibility: visible;
    direction: ltr;
  }
  :host([layout='page']) .root { height: 100%; }
  :host([layout='launcher']) { position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483000; }
  :host([layout='page']) { position: fixed; inset: 0; background: var(--bg); }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  button, textarea { font: inherit; color: inherit; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  h2, h3, p, ol, ul { margin: 0; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

  .launcher {
    display: inline-flex; align-items: center; gap: 0.5rem; border: 0; border-radius: 999px;
    padding: 0.7rem 1.1rem; background: var(--accent); color: var(--accent-fg); box-shadow: var(--shadow); font-weight: 600;
  }

  .panel {
    position: relative; display: grid; grid-template-rows: auto minmax(0, 1fr) auto; grid-template-columns: minmax(0, 1fr);
    background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 12px; overflow: hidden;
    height: var(--remit-height, 36rem);
  }
  :host([layout='launcher']) .panel {
    position: fixed; right: 1rem; bottom: 4.75rem; width: min(27rem, calc(100vw - 2rem)); height: min(42rem, calc(100vh - 6rem));
    box-shadow: var(--shadow);
  }
  :host([layout='page']) .panel { height: 100%; max-width: 50rem; margin: 0 auto; border-radius: 0; border-width: 0 1px; }
  @media (max-width: 480px) {
    :host([layout='launcher']) .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; border: 0; }
    :host([layout='launcher'][open]) .launcher { display: none; }
  }
  @media (min-width: 64rem) {
    :host([layout='page']) .panel.with-pane { max-width: 90rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
    :host([layout='page']) .panel.with-pane .pane { position: static; grid-column: 2; grid-row: 1 / span 3; border-left: 1px solid var(--border); }
  }

  header.top { display: flex; align-items: center; gap: 0.5rem; padding: 0.6rem 0.9rem; border-bottom: 1px solid var(--border); }
  header.top h2 { font-size: 1.05rem; }
  header.top .tagline { color: var(--muted); font-size: 0.8rem; }
  header.top .titles { flex: 1; min-width: 0; }
  .icon-button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.3rem; min-width: 2.25rem; min-height: 2.25rem;
    padding: 0.25rem 0.5rem; border: 1px solid transparent; border-radius: 8px; background: none; color: var(--muted);
  }
  .icon-button:hover { background: var(--surface); color: var(--fg); }
  .icon-button[aria-pressed='true'] { color: var(--accent); border-color: var(--accent); }

  .log { overflow-y: auto; padding: 0.9rem; display: flex; flex-direction: column; gap: 1rem; }
  .empty p { color: var(--muted); margin-bottom: 0.6rem; }
  .starters { display: flex; flex-direction: column; gap: 0.5rem; padding: 0; list-style: none; }
  .starter {
    width: 100%; text-align: left; padding: 0.55rem 0.75rem; border: 1px solid var(--border); border-radius: 10px; background: var(--surface);
  }
  .starter:hover { border-color: var(--accent); }

  .question { align-self: flex-end; max-width: 85%; padding: 0.5rem 0.8rem; border-radius: 12px 12px 2px 12px; background: var(--accent); color: var(--accent-fg); white-space: pre-wrap; overflow-wrap: anywhere; }
  .answer { position: relative; padding: 0.7rem 0.8rem; border-radius: 12px 12px 12px 2px; background: var(--surface); border: 1px solid var(--border); }
  .answer.abstained { background: var(--abstain-bg); border: 1px dashed var(--abstain-border); }
  .abstain-label { font-weight: 600; font-size: 0.85rem; color: var(--abstain-border); margin-bottom: 0.3rem; }
  .answer-text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .status { color: var(--muted); font-style: italic; }
  .marker {
    border: 0; background: none; padding: 0 0.12em; margin: 0; color: var(--accent); font-size: 0.78em; font-weight: 700;
    vertical-align: super; line-height: 1; border-radius: 3px;
  }
  .marker:hover { text-decoration: underline; }
  .tip {
    position: absolute; z-index: 3; width: min(22rem, calc(100% - 1rem)); padding: 0.55rem 0.7rem; border-radius: 8px;
    background: var(--bg); color: var(--fg); border: 1px solid var(--border); box-shadow: var(--shadow); font-size: 0.85rem; pointer-events: none;
  }
  .tip .quote { display: block; margin-bottom: 0.3rem; }
  .tip .primary { display: block; font-size: 0.8rem; font-weight: 600; }
  .tip .outlet { display: block; color: var(--muted); font-size: 0.8rem; }

  .sources, .related, .warnings { margin-top: 0.7rem; padding-top: 0.5rem; border-top: 1px solid var(--border); font-size: 0.85rem; }
  .sources h3, .related h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin-bottom: 0.3rem; }
  .sources ol, .related ul { padding-left: 0; list-style: none; display: flex; flex-direction: column; gap: 0.45rem; }
  .source-link { border: 0; background: none; padding: 0; color: var(--accent); text-align: left; text-decoration: underline; }
  .meta { color: var(--muted); }
  .nums { color: var(--muted); font-variant-numeric: tabular-nums; }
  .sources .primary .nums { margin-right: 0.25rem; }
  .primary-link { color: var(--accent); }
  .sources .via { font-size: 0.8rem; }
  .underlying-list summary { color: var(--muted); cursor: pointer; width: fit-content; }
  .underlying { margin-top: 0.15rem; padding-left: 1.1rem; color: var(--muted); list-style: disc; }
  .underlying a { color: inherit; }
  .warnings { color: var(--muted); }
  .actions { display: flex; align-items: center; gap: 0.25rem; margin-top: 0.5rem; flex-wrap: wrap; }
  .actions .note { color: var(--muted); font-size: 0.8rem; margin-left: 0.25rem; }
  .failure { margin-top: 0.3rem; padding: 0.55rem 0.7rem; border: 1px solid var(--danger); border-radius: 8px; color: var(--danger); display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .failure p { flex: 1; min-width: 12rem; }
  .retry { padding: 0.3rem 0.8rem; border-radius: 8px; border: 1px solid var(--danger); background: var(--bg); color: var(--danger); font-weight: 600; font-variant-numeric: tabular-nums; }
  .retry:disabled { opacity: 0.65; cursor: default; }

  form.composer { display: flex; gap: 0.5rem; padding: 0.6rem 0.75rem; border-top: 1px solid var(--border); background: var(--bg); }
  form.composer textarea {
    flex: 1; resize: none; min-height: 2.6rem; max-height: 8rem; padding: 0.55rem 0.7rem; border-radius: 10px;
    border: 1px solid var(--border); background: var(--surface); color: var(--fg);
  }
  .send { display: inline-flex; align-items: center; gap: 0.35rem; padding: 0 0.9rem; border: 0; border-radius: 10px; background: var(--accent); color: var(--accent-fg); font-weight: 600; }
  .send:disabled { opacity: 0.55; cursor: default; }

  .pane { position: absolute; inset: 0; z-index: 4; display: grid; grid-template-rows: auto minmax(0, 1fr); background: var(--bg); }
  .pane header { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.6rem 0.9rem; border-bottom: 1px solid var(--border); }
  .pane header .titles { flex: 1; min-width: 0; }
  .pane h2 { font-size: 1rem; overflow-wrap: anywhere; }
  .pane .meta { font-size: 0.8rem; overflow-wrap: anywhere; }
  .pane .meta a { color: var(--accent); }
  .pane-body { overflow-y: auto; padding: 0.9rem; }
  .article { overflow-wrap: anywhere; line-height: 1.6; }
  .article p, .article ul { margin: 0 0 0.85em; }
  .article ul { padding-left: 1.3rem; list-style: disc; }
  .article li + li { margin-top: 0.25em; }
  .article h3 { font-size: 1rem; font-weight: 650; line-height: 1.35; margin: 1.2em 0 0.4em; }
  .article h3:first-child { margin-top: 0; }
  mark { background: var(--mark-bg); color: var(--mark-fg); border-radius: 2px; padding: 0 0.1em; }
`;
