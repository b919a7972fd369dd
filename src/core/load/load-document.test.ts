// Each format end to end on small samples written for these tests, and every way a file is refused.
import { describe, expect, it } from 'vitest';
import { RemitError } from '../errors.js';
import { Document } from '../schema.js';
import { loadDocument } from './index.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const load = (origin: string, text: string, contentType?: string) => loadDocument({ origin, bytes: utf8(text), contentType });

async function refusal(promise: Promise<unknown>): Promise<RemitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RemitError);
  return error as RemitError;
}

const EXPLAINER = `---
title: What the Gambling Commission can do
publisher: Remit explainers
date: 2025-11-02
updated: 2026-01-05
url: https://example.org/explainers/gambling-commission
sources:
  - publisher: legislation.gov.uk
    title: Gambling Act 2005, section 121
    url: https://www.legislation.gov.uk/ukpga/2005/19/section/121
    date: 2005-04-07
---
# What the Gambling Commission can do

The **Gambling Commission** can impose a *financial penalty* on an operator that
breaches a [licence condition](https://example.org/lcccp).

## Sanctions

- It can suspend a licence.
- It can revoke a licence.

> Regulators must act proportionately.

| Power | Limit |
| --- | --- |
| Penalty | No statutory cap |

Some \`inline code\` and an image ![chart](chart.png) here.

<div class="note">raw html block</div>
`;

describe('loadDocument: Markdown', () => {
  it('reads front matter and turns the body into plain paragraphs, a list into one block of lines', async () => {
    const document = Document.parse(await load('explainers/gambling.md', EXPLAINER));
    expect(document).toMatchObject({
      title: 'What the Gambling Commission can do',
      publisher: 'Remit explainers',
      date: '2026-01-05',
      url: 'https://example.org/explainers/gambling-commission',
      origin: 'explainers/gambling.md',
      sources: [{ publisher: 'legislation.gov.uk', title: 'Gambling Act 2005, section 121', date: '2005-04-07' }],
    });
    expect(document.text.split('\n\n')).toEqual([
      'The Gambling Commission can impose a financial penalty on an operator that breaches a licence condition.',
      'Sanctions',
      'It can suspend a licence.\nIt can revoke a licence.',
      'Regulators must act proportionately.',
      'Power; Limit',
      'Penalty; No statutory cap',
      'Some inline code and an image here.',
    ]);
  });

  it('takes an opening # heading as the title when there is no front matter, without repeating it', async () => {
    const document = await load('notes.markdown', '# Fines under the Act\n\nThe regulator may fine a provider.\n');
    expect(document.title).toBe('Fines under the Act');
    expect(document.text).toBe('The regulator may fine a provider.');
  });

  it('keeps an opening heading that differs from the declared title', async () => {
    const document = await load('a.md', '---\ntitle: Declared\n---\n# Another heading\n\nBody text.\n');
    expect(document.title).toBe('Declared');
    expect(document.text).toBe('Another heading\n\nBody text.');
  });

  it("accepts a source dated to the month or year, but not a document's own date", async () => {
    const document = await load('a.md', '---\nsources:\n  - title: A report\n    date: 2025-03\n  - title: A book\n    date: 2017\n---\nBody.');
    expect(document.sources.map((s) => s.date)).toEqual(['2025-03', '2017']);
    expect((await refusal(load('b.md', '---\nsources:\n  - title: A report\n    date: 2025-13\n---\nBody.'))).message).toContain('sources.0.date');
    expect((await refusal(load('c.md', '---\ndate: 2025-03\n---\nBody.'))).message).toContain('date');
  });

  it('uses the date when there is no update date, and accepts timestamps', async () => {
    expect((await load('a.md', '---\ndate: 2026-01-11T09:00:00Z\n---\nBody.')).date).toBe('2026-01-11');
  });

  it('drops a front matter url or source url that is not http(s), with a warning naming the field', async () => {
    const warnings: string[] = [];
    const markdown = [
      '---',
      'url: javascript:alert(document.cookie)',
      'sources:',
      '  - title: A',
      '    url: "data:text/html,<script>alert(1)</script>"',
      '  - title: B',
      '    url: https://ok.example/b',
      '  - title: C',
      '    url: " JavaScript:alert(1)"',
      '---',
      'The regulator can fine a provider.',
    ].join('\n');
    const document = await loadDocument({ origin: 'x.md', bytes: utf8(markdown) }, { warn: (warning) => warnings.push(warning) });
    expect(document.url).toBeUndefined();
    expect(document.sources).toEqual([{ title: 'A' }, { title: 'B', url: 'https://ok.example/b' }, { title: 'C' }]);
    expect(warnings).toEqual([
      expect.stringMatching(/^front matter url: "javascript:alert\(document\.cookie\)" is not an http\(s\) URL; dropped$/),
      expect.stringMatching(/^front matter sources\[0\]\.url: "data:text\/html,.*" is not an http\(s\) URL; dropped$/),
      expect.stringMatching(/^front matter sources\[2\]\.url: /),
    ]);
  });

  it('refuses front matter that is not valid YAML or has a bad date, saying which', async () => {
    const yaml = await refusal(load('bad.md', '---\ntitle: [unclosed\n---\nBody.'));
    expect(yaml.code).toBe('unsupported_file');
    expect(yaml.message).toMatch(/bad\.md.*not valid YAML/);
    const date = await refusal(load('bad.md', '---\ndate: 11/01/2026\n---\nBody.'));
    expect(date.message).toMatch(/date: expected a date as YYYY-MM-DD/);
  });
});

const PAGE = `<!doctype html><html><head>
<title>Regulator fines lender | Example News</title>
<meta property="og:title" content="Regulator fines lender £2 million">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2026-01-09T08:30:00Z">
<link rel="canonical" href="https://news.example.com/fca-fine">
<style>.x { color: red } STYLE_MARKER</style>
<script>window.tracking = "SCRIPT_MARKER";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">NAV_MARKER News</a></nav>
<article>
<h1>Regulator fines lender £2 million</h1>
<p>The Financial Conduct Authority fined a payday lender £2 million on Friday for failing to treat struggling borrowers fairly, the watchdog said.</p>
<img src=x onerror=alert(1)>
<figure><img src="p.jpg"><figcaption>The regulator's offices in London. Photograph: Jane Doe/Reuters</figcaption></figure>
<p>The lender, which has since stopped trading, charged fees that the <a href="/fca" onclick="steal()">regulator</a> described as excessive. It also ignored repeated warnings over three years.</p>
<script>document.write('INLINE_SCRIPT_MARKER')</script>
<p>Under its rules the authority can also ban individuals from working in financial services, and it said further action against two former directors was being considered.</p>
</article>
<footer>FOOTER_MARKER Copyright Example News 2026</footer>
</body></html>`;

describe('loadDocument: HTML', () => {
  it('extracts the article and its metadata', async () => {
    const document = await load('pages/fca.html', PAGE);
    expect(document).toMatchObject({ publisher: 'Example News', date: '2026-01-09', url: 'https://news.example.com/fca-fine' });
    expect(document.title).toMatch(/^Regulator fines lender/);
    expect(document.text.split('\n\n')).toEqual([
      'The Financial Conduct Authority fined a payday lender £2 million on Friday for failing to treat struggling borrowers fairly, the watchdog said.',
      'The lender, which has since stopped trading, charged fees that the regulator described as excessive. It also ignored repeated warnings over three years.',
      'Under its rules the authority can also ban individuals from working in financial services, and it said further action against two former directors was being considered.',
    ]);
  });

  it('never lets scripts, styles, handlers, navigation, captions or footers into the text', async () => {
    const { text } = await load('pages/fca.htm', PAGE);
    expect(text).not.toMatch(/MARKER|alert|onerror|steal|Photograph|Home/);
  });

  it('follows the content type over the extension', async () => {
    const document = await load('https://example.com/story?id=1', PAGE, 'text/html; charset=utf-8');
    expect(document.text).toContain('£2 million on Friday');
  });

  it('makes a best effort on unclosed tags and fragments', async () => {
    const document = await load('frag.html', '<p>The watchdog <b>can fine <i>firms</p><p>It can also block sites.');
    expect(document.text).toContain('The watchdog can fine firms');
    expect(document.text).toContain('It can also block sites.');
  });

  it('survives hostile nesting with a best effort', { timeout: 30_000 }, async () => {
    const hostile = `${'<div><span>'.repeat(20_000)}deep text${'</span></div>'.repeat(5)}<p>after`;
    expect((await load('hostile.html', hostile)).text).toBe('deep text\n\nafter');
  });
});

describe('loadDocument: plain text', () => {
  it('joins hard-wrapped prose and keeps blank-line paragraphs', async () => {
    const text = 'The regulator can issue fines of up\nto ten per cent of turnover and\nblock access in serious cases\nwhere a court agrees.\n\nSecond paragraph.';
    expect((await load('wrapped.txt', text)).text).toBe(
      'The regulator can issue fines of up to ten per cent of turnover and block access in serious cases where a court agrees.\n\nSecond paragraph.',
    );
  });

  it('collapses runs of spaces, tabs and no-break spaces and normalises line endings', async () => {
    expect((await load('s.txt', 'One\u00a0 two\t\tthree.\r\n\r\nFour.')).text).toBe('One two three.\n\nFour.');
  });

  it('ignores a date header that is not a real day', async () => {
    const document = await load('d.txt', 'date 2026-02-30 The text.');
    expect(document.date).toBeUndefined();
    expect(document.text).toBe('The text.');
  });
});

describe('loadDocument: refusals', () => {
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    ['an unknown extension', () => load('report.pdf', 'text'), /'\.pdf' is not a supported file type/],
    ['no extension and no content type', () => load('README', 'text'), /no file extension/],
    ['an empty file', () => load('empty.txt', ''), /no text is left/],
    ['white space only', () => load('blank.md', ' \n\t\n  \n'), /no text is left/],
    ['boilerplate only', () => load('ads.txt', 'Advertisement\n\nRead more'), /no text is left/],
    ['markup only', () => load('empty.html', '<html><body><script>x()</script></body></html>'), /no text is left/],
    ['NUL bytes', () => loadDocument({ origin: 'a.txt', bytes: new Uint8Array([0x61, 0x00, 0x62]) }), /binary.*NUL/],
    ['control characters', () => loadDocument({ origin: 'a.txt', bytes: new Uint8Array([1, 2, 3, 4, 0x61, 5, 6]) }), /binary.*control/],
    ['invalid UTF-8', () => loadDocument({ origin: 'a.txt', bytes: new Uint8Array([0x61, 0xc3, 0x28, 0xff]) }), /not valid UTF-8/],
    ['a file over the size cap', () => loadDocument({ origin: 'a.txt', bytes: utf8('x'.repeat(11)) }, { maxBytes: 10 }), /11 bytes, over the 10-byte limit/],
  ];

  it.each(cases)('refuses %s with unsupported_file and a precise reason', async (_, run, reason) => {
    const error = await refusal(run());
    expect(error.code).toBe('unsupported_file');
    expect(error.status).toBe(415);
    expect(error.message).toMatch(reason);
    expect((error.details as { reason: string }).reason).toMatch(reason);
  });

  it('refuses a malformed input object as bad_input', async () => {
    const error = await refusal(loadDocument({ origin: '', bytes: utf8('x') }));
    expect(error.code).toBe('bad_input');
  });
});
