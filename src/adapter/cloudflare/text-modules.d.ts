// Prompt files are bundled as text: wrangler.toml's `rules` make `import x from '../../worker/file.md'` a string module.
declare module '*.md' {
  const text: string;
  export default text;
}

// The built widget bundle (dist/widget.js) is bundled as text too, for GET /widget.js: see wrangler.toml.
declare module '*/dist/widget.js' {
  const text: string;
  export default text;
}
