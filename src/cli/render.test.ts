import { describe, expect, it } from 'vitest';
import type { Citation } from '../core/schema.js';
import { renderCitation } from './render.js';

const citation: Citation = {
  n: 1,
  docId: 'doc_a',
  title: "Ofcom's information notices",
  publisher: 'Remit explainers',
  date: '2026-05-20',
  origin: 'corpus/ofcom-information-notices.md',
  quote: 'Section 100 lets Ofcom require information.',
  start: 0,
  end: 43,
  alsoIn: [],
  sources: [],
};

describe('renderCitation', () => {
  it('names the primary source a passage rests on, with its link', () => {
    const primarySource = { publisher: 'legislation.gov.uk', title: 'Online Safety Act 2023, section 100', url: 'https://legislation.gov.uk/ukpga/2023/50/section/100' };
    expect(renderCitation({ ...citation, primarySource })).toContain(
      '    rests on: Online Safety Act 2023, section 100 · legislation.gov.uk <https://legislation.gov.uk/ukpga/2023/50/section/100>',
    );
    expect(renderCitation(citation)).not.toContain('rests on');
  });

  it('says "unknown outlet" for a document no one is named as publishing', () => {
    expect(renderCitation({ ...citation, publisher: undefined }).split('\n')[0]).toBe(
      "[1] Ofcom's information notices — unknown outlet, 2026-05-20 — corpus/ofcom-information-notices.md",
    );
  });
});
