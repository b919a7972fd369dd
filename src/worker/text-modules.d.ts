// Prompt files are bundled as text: wrangler.toml's `rules` make `import x from './file.md'` a string module.
declare module '*.md' {
  const text: string;
  export default text;
}
