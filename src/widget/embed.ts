// The /widget.js entry: defines <remit-chat>; with `data-endpoint` on its script tag it also adds the launcher to the page.
import { RemitChat } from './remit-chat.js';

if (!customElements.get('remit-chat')) customElements.define('remit-chat', RemitChat);

const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.hasAttribute('data-endpoint')) {
  const chat = document.createElement('remit-chat');
  chat.setAttribute('layout', 'launcher');
  chat.setAttribute('endpoint', script.dataset.endpoint ?? '');
  if (script.dataset.answerMode) chat.setAttribute('answer-mode', script.dataset.answerMode);
  if (script.dataset.heading) chat.setAttribute('heading', script.dataset.heading);
  // A deferred script runs before DOMContentLoaded, when <body> exists; an async one may run earlier.
  const mount = () => document.body.append(chat);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}
