// The Load stage: a file's bytes -> a cleaned Document (plain text, Markdown with front matter, or an HTML article).
export { loadDocument, LoadInput, type LoadOptions } from './load-document.js';
export { DEFAULT_MAX_BYTES } from './decode.js';
export { detectFormat, type Format } from './format.js';
