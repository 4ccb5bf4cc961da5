import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../errors';

/** One resolved address, as `dns.lookup(host, { all: true })` returns it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** DNS lookup port: injected so tests never ask a real resolver. */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The real resolver: every address, in the order the OS gives them. */
export const systemResolveHost: ResolveHost = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

type Range = readonly [bigint, number, string];

// [network, prefix length, why]; IPv4 networks are written as plain 32-bit numbers.
const V4_REFUSED: readonly Range[] = [
  [ip4('0.0.0.0'), 8, 'a "this network" address'],
  [ip4('10.0.0.0'), 8, 'a private address'],
  [ip4('100.64.0.0'), 10, 'a carrier-grade NAT address'],
  [ip4('127.0.0.0'), 8, 'a loopback address'],
  [ip4('169.254.0.0'), 16, 'a link-local address (cloud metadata lives there)'],
  [ip4('172.16.0.0'), 12, 'a private address'],
  [ip4('192.0.0.0'), 24, 'a reserved address'],
  [ip4('192.0.2.0'), 24, 'a documentation address'],
  [ip4('192.168.0.0'), 16, 'a private address'],
  [ip4('198.18.0.0'), 15, 'a benchmarking address'],
  [ip4('198.51.100.0'), 24, 'a documentation address'],
  [ip4('203.0.113.0'), 24, 'a documentation address'],
  [ip4('224.0.0.0'), 4, 'a multicast address'],
  [ip4('240.0.0.0'), 4, 'a reserved address'],
];

const V6_REFUSED: readonly Range[] = [
  [ip6('::'), 128, 'the unspecified address'],
  [ip6('::1'), 128, 'a loopback address'],
  [ip6('100::'), 64, 'a discard address'],
  [ip6('2001:db8::'), 32, 'a documentation address'],
  [ip6('fc00::'), 7, 'a unique-local (private) address'],
  [ip6('fe80::'), 10, 'a link-local address'],
  [ip6('fec0::'), 10, 'a site-local address'],
  [ip6('ff00::'), 8, 'a multicast address'],
];

// IPv6 forms that carry an IPv4 address, which is then judged as IPv4: mapped, compatible, NAT64.
const V6_EMBEDDING_V4: readonly (readonly [bigint, number])[] = [
  [ip6('::ffff:0:0'), 96],
  [ip6('::'), 96],
  [ip6('64:ff9b::'), 96],
];

/**
 * Why an address may not be dialled (loopback, private, link-local, unique-local, CGNAT,
 * metadata, multicast, reserved), or `undefined` when it is a public unicast address.
 * IPv4 carried inside IPv6 (`::ffff:10.0.0.1`, NAT64, 6to4) is judged as the IPv4 it carries.
 */
export function refusedAddressReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const kind = isIP(bare);
  if (kind === 4) return matchV4(ip4(bare));
  if (kind !== 6) return 'not an IP address';
  const value = ip6(bare);
  for (const [net, prefix] of V6_EMBEDDING_V4) {
    if (value !== 0n && value !== 1n && inRange(value, net, prefix, 128))
      return matchV4(value & 0xffffffffn);
  }
  if (inRange(value, ip6('2002::'), 16, 128)) return matchV4((value >> 80n) & 0xffffffffn);
  for (const [net, prefix, why] of V6_REFUSED) if (inRange(value, net, prefix, 128)) return why;
  return undefined;
}

/**
 * Resolves a host name and refuses it unless every address is public. Returns the vetted
 * addresses, so a caller can connect to exactly those (no second, rebindable lookup).
 */
export async function vetHost(
  hostname: string,
  resolveHost: ResolveHost,
): Promise<readonly ResolvedAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly ResolvedAddress[];
  if (isIP(bare) !== 0) {
    addresses = [{ address: bare, family: isIP(bare) }];
  } else {
    try {
      addresses = await resolveHost(bare);
    } catch (cause) {
      throw new AppError('halo_unreachable', {
        detail: `DNS lookup of ${bare} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
    }
    if (addresses.length === 0) {
      throw new AppError('halo_unreachable', {
        detail: `DNS lookup of ${bare} returned no address`,
      });
    }
  }
  for (const { address } of addresses) {
    const why = refusedAddressReason(address);
    if (why !== undefined) {
      throw new AppError('halo_url_refused', {
        message: `The HaloPSA address ${bare} is not allowed: it leads to ${why}. Use the public https:// address of your HaloPSA instance.`,
        detail: `${bare} resolved to ${address}`,
      });
    }
  }
  return addresses;
}

function matchV4(value: bigint): string | undefined {
  for (const [net, prefix, why] of V4_REFUSED) if (inRange(value, net, prefix, 32)) return why;
  return undefined;
}

function inRange(value: bigint, net: bigint, prefix: number, bits: number): boolean {
  const shift = BigInt(bits - prefix);
  return value >> shift === net >> shift;
}

function ip4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ip6(text: string): bigint {
  let groups = text.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (v4?.[1]) {
    const n = ip4(v4[1]);
    groups = `${groups.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].reduce(
    (acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)),
    0n,
  );
}
