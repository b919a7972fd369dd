// Two outlets carrying the same wire passage, each listing its underlying sources: the widget must collapse the copies.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const STATEMENT_URL = 'https://water.example/statement';
export const SYNDICATED_QUESTION = 'What can the Quillmarsh Water Board fine a company that pollutes the estuary?';

const WIRE =
  'The Quillmarsh Water Board can fine a company that pollutes the Quillmarsh estuary up to 700,000 crowns, and it can order the polluter to pay for the clean-up, the board confirmed in a statement on Tuesday.';

export async function writeSyndicatedDocuments(dir: string): Promise<void> {
  const outlets = [
    { file: 'quillmarsh-gazette.md', publisher: 'Quillmarsh Gazette', lead: 'Residents along the estuary have complained about discoloured water for months.' },
    { file: 'quillmarsh-herald.md', publisher: 'Quillmarsh Herald', lead: 'Anglers say fish stocks in the lower estuary have fallen sharply since the spring.' },
  ];
  for (const outlet of outlets) {
    const frontMatter = [
      '---',
      `title: "Estuary pollution: what the water board can do (${outlet.publisher})"`,
      `publisher: "${outlet.publisher}"`,
      'date: 2026-02-03',
      'sources:',
      '  - publisher: "Quillmarsh Water Board"',
      '    title: "Statement on estuary pollution"',
      `    url: "${STATEMENT_URL}"`,
      '    date: 2026-02-03',
      '  - publisher: "County Record"',
      '    title: "Estuary Act"',
      '---',
    ];
    await writeFile(join(dir, outlet.file), [...frontMatter, '', outlet.lead, '', WIRE, ''].join('\n'));
  }
}
