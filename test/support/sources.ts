// Test support: real inputs read the way the Node runtime reads them (files through the loader, prompts from prompts/),
// so tests of the core, the HTTP app and the widget get them without importing a runtime adapter themselves.
export { loadPaths } from '../../src/adapter/node/read-paths.js';
export { loadPrompts } from '../../src/adapter/node/prompts.js';
export { WordNetLexicon } from '../../src/adapter/node/wordnet/wordnet-lexicon.js';
