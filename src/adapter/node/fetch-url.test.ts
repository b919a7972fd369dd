// URL fetching behind the SSRF guard, against real loopback servers only: nothing here sends traffic off this machine.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { RemitError } from '../../core/errors.js';
import { fetchUrl, type FetchUrlOptions } from './fetch-url.js';
import { nonPublicRange } from './url-guard.js';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** A server on a loopback address; counts the requests it gets. */
async function loopback(handler: RequestListener, host = '127.0.0.1'): Promise<{ base: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { base: `http://${host}:${(server.address() as AddressInfo).port}`, hits: () => hits, server };
}

// Stands in for "the public internet": 127.0.0.2 (still loopback on Linux) counts as public, everything else as the guard says.
const PUBLIC_STAND_IN = '127.0.0.2';
const standInPolicy: Pick<FetchUrlOptions, 'rangeOf'> = { rangeOf: (a) => (a === PUBLIC_STAND_IN ? undefined : nonPublicRange(a)) };

async function refusal(promise: Promise<unknown>): Promise<RemitError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RemitError);
  return error as RemitError;
}

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
  ])('%s is %s', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111'])('%s is public', (address) => {
    expect(nonPublicRange(address)).toBeUndefined();
  });

  // Every IPv6 form that carries an IPv4 address inside it is judged by that address (and the transition forms are
  // refused even around a public one: Remit has no business fetching through a tunnel or translator).
  it.each([
    ['::127.0.0.1', /loopback/], // IPv4-compatible (deprecated ::/96): the guard let this through before
    ['::7f00:1', /loopback/],
    ['::169.254.169.254', /linkLocal/],
    ['::10.0.0.1', /private/],
    ['::808:808', /ipv4Compatible/], // (a URL's host is in this hex form; ipaddr.js reads "::8.8.8.8" as mapped)
    ['::ffff:0:127.0.0.1', /loopback/], // IPv4-translated (RFC 6145)
    ['64:ff9b::127.0.0.1', /loopback/], // NAT64 well-known prefix (RFC 6052)
    ['64:ff9b::8.8.8.8', /rfc6052/],
    ['64:ff9b:1::a00:1', /private|rfc6052/], // NAT64 local-use prefix (RFC 8215)
    ['2002:7f00:1::1', /loopback/], // 6to4 around 127.0.0.1
    ['2002:a9fe:a9fe::1', /linkLocal/],
    ['2002:808:808::1', /6to4/],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', /loopback/], // Teredo: client 127.0.0.1 (bits inverted)
    ['2001:0:7f00:1:8000:63bf:f7f7:f7f7', /loopback/], // Teredo: server 127.0.0.1
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', /teredo/],
    ['fe80::5efe:127.0.0.1', /linkLocal|loopback/], // ISATAP
    ['2606:4700::5efe:7f00:1', /loopback/], // ISATAP interface id on a public prefix
    ['2606:4700::200:5efe:a00:1', /private/],
  ])('%s is refused for the IPv4 inside it', (address, reason) => {
    expect(nonPublicRange(address)).toMatch(reason);
  });
});

describe('fetchUrl', () => {
  it('fetches from loopback only when private addresses are allowed', async () => {
    const site = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>The regulator can fine.</p>'));
    const refused = await refusal(fetchUrl(`${site.base}/a.html`));
    expect(refused.code).toBe('forbidden_url');
    expect(refused.toLine()).toMatch(/127\.0\.0\.1 is a loopback address.*--allow-private-urls/);
    expect(site.hits()).toBe(0);

    const fetched = await fetchUrl(`${site.base}/a.html`, { allowPrivate: true });
    expect(new TextDecoder().decode(fetched.bytes)).toBe('<p>The regulator can fine.</p>');
    expect(fetched.contentType).toBe('text/html; charset=utf-8');
  });

  it.each([
    'http://127.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[2002:7f00:1::1]/',
    'http://0.0.0.0/',
    'http://localhost/',
  ])(
    'refuses %s before connecting',
    async (url) => {
      expect((await refusal(fetchUrl(url))).code).toBe('forbidden_url');
    },
  );

  it('refuses schemes other than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1/']) {
      expect((await refusal(fetchUrl(url, { allowPrivate: true }))).code).toBe('forbidden_url');
    }
  });

  it('re-checks every redirect: an allowed host redirecting to loopback is refused', async () => {
    const internal = await loopback((_req, res) => res.end('secret'));
    const outside = await loopback((_req, res) => res.writeHead(302, { location: `${internal.base}/admin` }).end(), PUBLIC_STAND_IN);
    const refused = await refusal(fetchUrl(`${outside.base}/start`, standInPolicy));
    expect(refused.code).toBe('forbidden_url');
    expect(outside.hits()).toBe(1);
    expect(internal.hits()).toBe(0);
  });

  it('follows up to 5 redirects, resolving relative locations, and gives up after that', async () => {
    const site = await loopback((req, res) => {
      const n = Number(/\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      if (n < 5) res.writeHead(301, { location: `/hop/${n + 1}` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(`arrived after ${n}`);
    }, PUBLIC_STAND_IN);
    const fetched = await fetchUrl(`${site.base}/hop/0`, standInPolicy);
    expect(new TextDecoder().decode(fetched.bytes)).toBe('arrived after 5');
    expect(fetched.url).toBe(`${site.base}/hop/5`);
    const tooMany = await refusal(fetchUrl(`${site.base}/hop/0`, { ...standInPolicy, maxRedirects: 4 }));
    expect(tooMany.message).toMatch(/redirects more than 4 times/);
  });

  it('pins the connection to the vetted address and refuses a name with any non-public answer', async () => {
    const site = await loopback((req, res) => res.end(`host header ${req.headers.host}`), PUBLIC_STAND_IN);
    const port = new URL(site.base).port;
    // A name the system resolver cannot know: the bytes can only have come through the vetted, pinned address.
    let lookups = 0;
    const once = { resolve: async () => (lookups++ === 0 ? [{ address: PUBLIC_STAND_IN, family: 4 as const }] : [{ address: '127.0.0.1', family: 4 as const }]) };
    const fetched = await fetchUrl(`http://news.rebind.test:${port}/`, { ...standInPolicy, ...once });
    expect(new TextDecoder().decode(fetched.bytes)).toBe(`host header news.rebind.test:${port}`);
    expect(lookups).toBe(1);

    const mixed = { resolve: async () => [{ address: PUBLIC_STAND_IN, family: 4 as const }, { address: '169.254.169.254', family: 4 as const }] };
    const refused = await refusal(fetchUrl(`http://mixed.test:${port}/`, { ...standInPolicy, ...mixed }));
    expect(refused.message).toMatch(/mixed\.test resolves to 169\.254\.169\.254, a linkLocal address/);
  });

  it('cuts a body over the size limit, declared or streamed', async () => {
    let streamedBytes = 0;
    const site = await loopback((req, res) => {
      if (req.url === '/declared') return res.writeHead(200, { 'content-length': String(6 * 1024 * 1024) }).end();
      // Chunked, no length: the fetcher must stop reading once it passes the limit.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const block = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (streamedBytes < 64 * 1024 * 1024 && !res.destroyed) {
          streamedBytes += block.byteLength;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const declared = await refusal(fetchUrl(`${site.base}/declared`, { allowPrivate: true, maxBytes: 1024 * 1024 }));
    expect(declared.message).toMatch(/over the 1048576-byte limit/);
    const streamed = await refusal(fetchUrl(`${site.base}/streamed`, { allowPrivate: true, maxBytes: 1024 * 1024 }));
    expect(streamed.code).toBe('unsupported_file');
    // The server got far less than its 64 MB out: the download was aborted, not read to the end.
    expect(streamedBytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('gives up on a server that never answers within the time limit', async () => {
    const site = await loopback(() => {});
    const started = performance.now();
    const refused = await refusal(fetchUrl(`${site.base}/slow`, { allowPrivate: true, timeoutMs: 300 }));
    expect(refused.code).toBe('upstream');
    expect(refused.message).toMatch(/did not answer within 300 ms/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reports HTTP errors with the status', async () => {
    const site = await loopback((_req, res) => res.writeHead(404).end());
    expect((await refusal(fetchUrl(`${site.base}/gone`, { allowPrivate: true }))).message).toMatch(/answered HTTP 404/);
  });
});
