// The Load stage: a file's bytes -> a cleaned Document (plain text, Markdown with front matter, or an HTML article).
//
// Decisions a caller may rely on:
// - `text` is paragraphs joined by "\n\n"; runs of white space inside a paragraph (tabs, no-break spaces) are one space;
//   otherwise every kept sentence is exactly as the source wrote it, so quotes match.
// - The title is metadata: a headline first line (.txt) or opening `# Heading` (.md) becomes the title and is not
//   repeated as the text's first paragraph. Title order: declared (front matter, HTML) > headline > first sentence.
// - .txt and .html are treated as scraped news (date header, appeals, captions, repeats removed); .md is trusted.
// - Markdown `updated` wins over `date`: a reader judging an explainer needs the date it was last true.
// - Only UTF-8 is read; other encodings are refused rather than guessed.
export { loadDocument, LoadInput, type LoadOptions } from './load-document.js';
export { DEFAULT_MAX_BYTES } from './decode.js';
export { detectFormat, type Format } from './format.js';
