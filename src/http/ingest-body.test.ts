import { describe, expect, it } from 'vitest';
import { isRemitError } from '../core/errors.js';
import { readIngestBody } from './ingest-body.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown, contentType = 'application/json') => ({ bytes: utf8(JSON.stringify(value)), contentType });

async function refusal(body: Parameters<typeof readIngestBody>[0]) {
  const error = await readIngestBody(body).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isRemitError(error)) throw new Error(`expected a RemitError, got ${String(error)}`);
  return error;
}

describe('readIngestBody', () => {
  it('reads JSON text with its metadata, naming an unnamed text by its hash', async () => {
    const input = await readIngestBody(json({ text: 'The Board may fine.', title: 'Board', date: '2026-01-02', url: 'https://example.org/b' }));
    expect(new TextDecoder().decode(input.bytes)).toBe('The Board may fine.');
    expect(input).toMatchObject({ origin: expect.stringMatching(/^api:[0-9a-f]{16}$/), contentType: 'text/plain', metadata: { title: 'Board', date: '2026-01-02', url: 'https://example.org/b' } });
    const same = await readIngestBody(json({ text: 'The Board may fine.' }, 'application/vnd.api+json; charset=utf-8'));
    expect(same.origin).toBe(input.origin);
  });

  it('reads a multipart upload', async () => {
    const form = new FormData();
    form.set('file', new File(['# Rules\n\nKeepers need a licence.'], 'rules.md', { type: 'text/markdown' }));
    form.set('title', 'Rules');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const body = { bytes: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
    const input = await readIngestBody(body);
    expect(input).toMatchObject({ origin: 'upload:rules.md', contentType: 'text/markdown', metadata: { title: 'Rules' } });
    expect(new TextDecoder().decode(input.bytes)).toBe('# Rules\n\nKeepers need a licence.');
  });

  it('says which field is wrong, as zod issues', async () => {
    const error = await refusal(json({ text: 'x', url: 'javascript:alert(1)', date: 'soon' }));
    expect(error.code).toBe('validation');
    expect((error.details as { path: string[] }[]).map((issue) => issue.path.join('.')).sort()).toEqual(['date', 'url']);
    expect((await refusal(json({ title: 'no text' }))).code).toBe('validation');
    expect((await refusal(json([1, 2]))).code).toBe('validation');
  });

  it('refuses malformed JSON, bytes that are not UTF-8, an empty body and other media types as bad input', async () => {
    expect(await refusal({ bytes: utf8('{"text": "cut off'), contentType: 'application/json' })).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/not valid JSON/) });
    expect((await refusal({ bytes: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), contentType: 'application/json' })).code).toBe('bad_input');
    expect(await refusal({ bytes: new Uint8Array(), contentType: 'application/json' })).toMatchObject({ code: 'bad_input', details: [{ path: ['text'] }] });
    expect((await refusal({ bytes: utf8('The Board may fine.'), contentType: 'text/plain' })).code).toBe('bad_input');
    expect((await refusal({ bytes: utf8('--x\r\nnot a form'), contentType: 'multipart/form-data; boundary=y' })).code).toBe('bad_input');
  });
});
