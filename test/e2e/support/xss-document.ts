// A hostile document: its title, publisher, body and underlying-source link try to inject markup and script.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const XSS_PAYLOAD = '<img src=x onerror=window.__xss=1>';
export const XSS_QUESTION = 'What can the Zorblat Authority do to an operator?';

export async function writeXssDocument(dir: string): Promise<string> {
  const path = join(dir, 'zorblat.md');
  await writeFile(
    path,
    [
      '---',
      `title: "Zorblat Authority powers ${XSS_PAYLOAD}"`,
      `publisher: "Zorblat ${XSS_PAYLOAD} Gazette"`,
      'date: 2026-01-05',
      'sources:',
      `  - publisher: "Council ${XSS_PAYLOAD}"`,
      '    title: "Zorblat code"',
      '    url: "javascript:window.__xss=2"',
      '---',
      '',
      // Escaped so Markdown keeps the tag as text: the loaded document's text then contains it verbatim.
      `The Zorblat Authority, which oversees every zorblat operator in the county, said on Monday that it can fine an operator up to 900 crowns for each breach of the zorblat code \\${XSS_PAYLOAD} and that it intends to use that power this year.`,
      '',
      'The Zorblat Authority may also suspend a zorblat licence for a month when an operator ignores a written warning, its chair told reporters.',
      '',
    ].join('\n'),
  );
  return path;
}
