import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../errors';
import { vetHost, type ResolveHost, type ResolvedAddress } from './address-policy';

/** The part of `RequestInit` the HaloPSA client uses. */
export interface HaloFetchInit {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
  readonly redirect: 'manual';
}

/** The fetch port: `globalThis.fetch` fits it, and so does {@link createPinnedFetch}. */
export type HaloFetch = (url: string, init: HaloFetchInit) => Promise<Response>;

/**
 * A fetch over node:https that resolves the host once, vets every address, and connects to
 * exactly the vetted addresses (via the socket's `lookup`). DNS rebinding between the check
 * and the connect is therefore impossible: there is no second lookup. TLS still verifies the
 * certificate against the host name. Redirects are never followed (the caller decides).
 */
export function createPinnedFetch(options: {
  resolveHost: ResolveHost;
  /** CA certificates to trust instead of the system ones (tests only) */
  ca?: string | Buffer;
  /** resolve-and-vet step; default {@link vetHost} with `resolveHost` (tests may pin loopback) */
  addressesFor?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
}): HaloFetch {
  const addressesFor =
    options.addressesFor ?? ((hostname: string) => vetHost(hostname, options.resolveHost));
  return async (url, init) => {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      throw new AppError('halo_url_refused', {
        message: `The HaloPSA address ${target.origin} is not allowed: only https:// addresses are.`,
      });
    }
    const addresses = await addressesFor(target.hostname.replace(/^\[|\]$/g, ''));
    const pinned: LookupFunction = (_host, lookupOptions, callback) => {
      const first = addresses[0] as { address: string; family: number };
      if (lookupOptions.all)
        callback(
          null,
          addresses.map((a) => ({ address: a.address, family: a.family })),
        );
      else callback(null, first.address, first.family);
    };
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        {
          protocol: 'https:',
          hostname: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port === '' ? 443 : Number(target.port),
          path: `${target.pathname}${target.search}`,
          method: init.method,
          headers:
            init.body === undefined
              ? init.headers
              : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
          lookup: pinned,
          signal: init.signal,
          ...(options.ca === undefined ? {} : { ca: options.ca }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
            }
            const status = res.statusCode ?? 502;
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, headers }));
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  };
}
