// Plain text -> paragraphs. Blank lines separate paragraphs; so does a single line break (scraped news puts one
// paragraph per line), unless the block is hard-wrapped prose, whose lines are joined back with spaces.

// C0 controls that are not white space: invisible noise in text (tab, line breaks and form feed are white space).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LIST_ITEM = /^(?:[-*•]|\d+[.)])\s/;
const OPEN_LINE_END = /[^.!?:;"”’)\]]$/;
const MAX_WRAPPED_LINE = 100;

/** Collapses every run of horizontal white space (tabs, no-break spaces) to one space and trims. */
export function collapseSpaces(line: string): string {
  return line.replace(/[^\S\n]+/g, ' ').trim();
}

export function textToParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').split('\n').map(collapseSpaces);
  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    if (isHardWrapped(block)) paragraphs.push(block.join(' '));
    else paragraphs.push(...block);
    block = [];
  };
  for (const line of lines) {
    if (line) block.push(line);
    else flush();
  }
  flush();
  return paragraphs;
}

/** Wrapped prose: several short lines, most of them stopping mid-sentence, and no list items. */
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 3 || lines.some((line) => LIST_ITEM.test(line))) return false;
  const body = lines.slice(0, -1);
  if (body.some((line) => line.length > MAX_WRAPPED_LINE)) return false;
  return body.filter((line) => OPEN_LINE_END.test(line)).length / body.length >= 0.6;
}
