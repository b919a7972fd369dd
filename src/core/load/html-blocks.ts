// DOM -> paragraphs: one paragraph per block element, inline text joined. Iterative, so deeply nested hostile
// markup cannot overflow the stack; scripts, styles and chrome are never entered (attributes are never read).

const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'button', 'form', 'select', 'textarea', 'input', 'nav', 'footer', 'aside', 'figcaption', 'head', 'title', 'meta', 'link',
]);

const BLOCKS = new Set([
  'html', 'body', 'main', 'article', 'section', 'header', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'figure', 'br',
  'hr', 'address', 'details', 'summary',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const FLUSH = Symbol('flush');

export function blocksToParagraphs(root: Node): string[] {
  const paragraphs: string[] = [];
  let inline = '';
  const flush = (): void => {
    const text = inline.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    inline = '';
  };
  const stack: (Node | typeof FLUSH)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === FLUSH) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      inline += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      const tag = element.tagName.toLowerCase();
      if (SKIPPED.has(tag) || element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') continue;
      if (BLOCKS.has(tag)) {
        flush();
        stack.push(FLUSH);
      }
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  flush();
  return paragraphs;
}
