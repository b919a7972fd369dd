// A folder mixing good articles with malformed files: every bad file is skipped with its reason, everything else ingested.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO } from '../support/cli-io.js';
import { NEWS_DIR } from '../support/paths.js';
import { recordFigures } from './support/figures.js';

let root: string;
let folder: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'remit-malformed-'));
  folder = join(root, 'mixed');
  await mkdir(join(folder, 'news'), { recursive: true });
  for (const name of await readdir(NEWS_DIR)) await copyFile(join(NEWS_DIR, name), join(folder, 'news', name));
  await writeFile(join(folder, 'good.md'), '# Harbour powers\n\nThe Harbour Authority can fine operators up to £2 million.\n');
  await writeFile(join(folder, 'good.html'), '<html><head><title>Tribunal</title></head><body><article><p>The Marine Tribunal hears appeals against penalty notices.</p></article></body></html>');
  for (const [name, bytes] of Object.entries(BAD)) await writeFile(join(folder, name), bytes);
  for (const [name, html] of Object.entries(HOSTILE_HTML)) await writeFile(join(folder, name), html);
  // A named pipe never ends: reading it would hang the ingest.
  execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)]);
const BAD: Record<string, Uint8Array | string> = {
  'binary.txt': png,
  'controls.txt': Uint8Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 0x07 : 0x61)),
  'empty.txt': '',
  'blank.md': '   \n\n\t\n',
  'latin1.txt': Uint8Array.from([...new TextEncoder().encode('The regulator can fine '), 0xa3, 0x32, 0x30, 0x20, 0x6d, 0xe9]),
  'utf16.txt': Uint8Array.from([0xff, 0xfe, ...[...'Ofcom can fine'].flatMap((c) => [c.charCodeAt(0), 0])]),
  'huge.txt': 'The regulator can fine. '.repeat(500_000),
  'report.pdf': '%PDF-1.7 not text we read',
  'no-extension': 'plain words without an extension',
  'only-markup.html': `<html><body>${'<div><span></span></div>'.repeat(5000)}</body></html>`,
};
const HOSTILE_HTML: Record<string, string> = {
  'deep.html': `<html><body>${'<div>'.repeat(20_000)}<p>The deep regulator can suspend a licence for ninety days.</p>${'</div>'.repeat(20_000)}</body></html>`,
  'scripts.html':
    '<html><head><title>Scripted</title><script>alert("x")</script><style>p{}</style></head><body onload="steal()">' +
    '<article><p>The scripted regulator can issue an enforcement notice.</p><img src=x onerror="alert(1)"><iframe src="javascript:alert(2)"></iframe>' +
    '<script>document.write("<p>injected paragraph</p>")</script></article></body></html>',
  'unclosed.html': `<html><body><p>The unclosed regulator can order a review.<p>${'<b><i><u>'.repeat(3000)}<!-- never closed`,
  'big.html': `<html><body><article>${'<p>The big regulator publishes a weekly register of notices and fines.</p>'.repeat(40_000)}</article></body></html>`,
};

it('skips every malformed file with a reason and ingests everything else', { timeout: 60_000 }, async () => {
  const io = captureIO();
  expect(await runCli(['ingest', folder, '--db', join(root, 'db'), '--json'], io), io.stderr).toBe(0);
  const report = JSON.parse(io.stdout) as { added: { origin: string }[]; skipped: { origin: string; reason: string }[] };
  const name = (origin: string) => origin.slice(folder.length + 1);
  const skipped = new Map(report.skipped.map((s) => [name(s.origin), s.reason]));
  const added = report.added.map((a) => name(a.origin)).sort();

  expect(skipped.get('binary.txt')).toMatch(/binary/);
  expect(skipped.get('controls.txt')).toMatch(/binary \(too many control characters\)/);
  expect(skipped.get('empty.txt')).toMatch(/no text is left/);
  expect(skipped.get('blank.md')).toMatch(/no text is left/);
  expect(skipped.get('latin1.txt')).toMatch(/not valid UTF-8/);
  expect(skipped.get('utf16.txt')).toMatch(/binary|UTF-8/);
  expect(skipped.get('huge.txt')).toMatch(/over the 10485760-byte limit/);
  expect(skipped.get('report.pdf')).toMatch(/'\.pdf' is not a supported file type/);
  expect(skipped.get('no-extension')).toMatch(/no file extension/);
  expect(skipped.get('only-markup.html')).toMatch(/no text is left/);
  expect(skipped.get('pipe.txt')).toMatch(/not a regular file/);
  expect(added).toEqual(expect.arrayContaining(['good.md', 'good.html', ...(await readdir(NEWS_DIR)).map((n) => `news/${n}`)]));
  // Hostile HTML is either read as data (scripts and handlers gone) or skipped with a reason, never a failed run.
  for (const file of Object.keys(HOSTILE_HTML)) expect(added.includes(file) || skipped.has(file), file).toBe(true);
  expect(added.length + skipped.size).toBe(7 + Object.keys(BAD).length + Object.keys(HOSTILE_HTML).length + 1);

  const scripted = captureIO();
  expect(await runCli(['ask', '--json', 'What can the scripted regulator issue?', '--db', join(root, 'db')], scripted)).toBe(0);
  const answer = JSON.parse(scripted.stdout);
  expect(answer.answer).toMatch(/enforcement notice/);
  for (const citation of answer.citations) expect(citation.quote).not.toMatch(/alert|onerror|steal|<script|injected paragraph/);
  recordFigures('malformed-files', {
    files: added.length + skipped.size,
    ingested: added.length,
    skipped: Object.fromEntries(skipped),
    hostileHtmlIngested: Object.keys(HOSTILE_HTML).filter((f) => added.includes(f)),
  });
});
