// Server-side request forgery guard: which addresses a URL ingest may connect to, decided on resolved IPs, not names.
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { createError, type RemitError } from '../../core/errors.js';

export const ALLOW_PRIVATE_HINT = 'Pass --allow-private-urls (or set REMIT_ALLOW_PRIVATE_URLS=1) to fetch from your own network on purpose';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address (an IP literal resolves to itself). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const resolveWithDns: ResolveHost = async (hostname) => {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(bare)) return [{ address: bare, family: ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4 }];
  const found = await lookup(bare, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * Why an address is not on the public internet (loopback, private, link-local incl. cloud metadata, CGNAT, 0/8,
 * multicast, reserved...), or undefined for a public unicast address. An IPv6 address carrying an IPv4 one inside it
 * is judged by that IPv4 address first: mapped and IPv4-compatible forms reach it directly on many stacks, and the
 * transition forms (NAT64, 6to4, Teredo, ISATAP) may reach it through a translator or tunnel.
 */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return rangeName(parsed.range());
  const v6 = parsed as ipaddr.IPv6;
  const inside = embeddedIPv4(v6);
  for (const { ipv4 } of inside) {
    const range = ipv4.range();
    if (range !== 'unicast') return rangeName(range);
  }
  // A public IPv4 inside a deprecated or transition form is still refused: Remit fetches over plain unicast only.
  if (inside.length > 0 && inside[0]!.form !== 'ipv4Mapped') return inside[0]!.form;
  return rangeName(v6.range());
}

const rangeName = (range: string): string | undefined => (range === 'unicast' ? undefined : range);

/** The IPv4 addresses an IPv6 address embeds, with the form that embeds them (RFC 4291, 6145, 6052, 8215, 3056, 4380, 5214). */
export function embeddedIPv4(address: ipaddr.IPv6): { form: string; ipv4: ipaddr.IPv4 }[] {
  const p = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const zero = (...indices: number[]) => indices.every((i) => p[i] === 0);
  const found: { form: string; ipv4: ipaddr.IPv4 }[] = [];
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible; :: and ::1 are their own ranges).
  if (zero(0, 1, 2, 3, 4) && p[5] === 0xffff) found.push({ form: 'ipv4Mapped', ipv4: v4(p[6]!, p[7]!) });
  else if (zero(0, 1, 2, 3) && p[4] === 0xffff && p[5] === 0) found.push({ form: 'rfc6145', ipv4: v4(p[6]!, p[7]!) });
  else if (zero(0, 1, 2, 3, 4, 5) && (p[6] !== 0 || p[7]! > 1)) found.push({ form: 'ipv4Compatible', ipv4: v4(p[6]!, p[7]!) });
  // NAT64: the well-known prefix 64:ff9b::/96 and the local-use 64:ff9b:1::/48.
  else if (p[0] === 0x64 && p[1] === 0xff9b && (zero(2, 3, 4, 5) || p[2] === 1)) found.push({ form: 'rfc6052', ipv4: v4(p[6]!, p[7]!) });
  // 6to4: 2002:AABB:CCDD::/48.
  else if (p[0] === 0x2002) found.push({ form: '6to4', ipv4: v4(p[1]!, p[2]!) });
  // Teredo: 2001:0:<server>:<flags>:<port>:<client, bits inverted>.
  else if (p[0] === 0x2001 && p[1] === 0) found.push({ form: 'teredo', ipv4: v4(p[2]!, p[3]!) }, { form: 'teredo', ipv4: v4(p[6]! ^ 0xffff, p[7]! ^ 0xffff) });
  // ISATAP: an interface id of 0000:5efe or 0200:5efe (any prefix) ends in the IPv4 address.
  if ((p[4] === 0 || p[4] === 0x200) && p[5] === 0x5efe) found.push({ form: 'isatap', ipv4: v4(p[6]!, p[7]!) });
  return found;
}

/** Refuses a host unless every address it resolves to is public (or private ones are allowed); returns the one to use. */
export async function vetHost(
  hostname: string,
  options: { allowPrivate?: boolean; resolve?: ResolveHost; rangeOf?: (address: string) => string | undefined },
): Promise<ResolvedAddress> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? resolveWithDns)(hostname);
  } catch (error) {
    throw createError({ code: 'upstream', message: `Cannot resolve ${hostname}`, hint: 'Check the host name and your network', cause: error });
  }
  if (addresses.length === 0) throw createError({ code: 'upstream', message: `${hostname} resolves to no address`, hint: 'Check the host name' });
  if (!options.allowPrivate) {
    // Every answer must be public: a mix would let the connection land on whichever one the resolver put first.
    for (const { address } of addresses) {
      const range = (options.rangeOf ?? nonPublicRange)(address);
      if (range) throw forbidden(hostname === address ? `${address} is a ${range} address` : `${hostname} resolves to ${address}, a ${range} address`);
    }
  }
  return addresses[0]!;
}

export function forbidden(reason: string): RemitError {
  return createError({ code: 'forbidden_url', message: `Refusing to fetch: ${reason}`, hint: ALLOW_PRIVATE_HINT, details: { reason } });
}
