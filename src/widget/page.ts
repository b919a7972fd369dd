// GET /: the full-page chat, the same <remit-chat> component as the embed; no inline script or style, so the page CSP stays 'self'.

export const WIDGET_SCRIPT_PATH = '/widget.js';

export function chatPageHtml(options: { title?: string } = {}): string {
  const title = escapeHtml(options.title ?? 'Remit: what can the regulator do?');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="Plain answers about regulators’ powers, every claim cited to the exact passage of a source.">
<link rel="icon" href="data:,">
<title>${title}</title>
<script src="${WIDGET_SCRIPT_PATH}" defer></script>
</head>
<body>
<remit-chat layout="page"></remit-chat>
<noscript>Remit needs JavaScript for the chat; the API is documented at <a href="/docs">/docs</a>.</noscript>
</body>
</html>
`;
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
