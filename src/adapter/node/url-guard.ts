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
 * multicast, reserved...), or undefined for a public unicast address. IPv4-mapped IPv6 is judged as the IPv4 inside.
 */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
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
