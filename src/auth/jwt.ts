import { createSign, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** The parts of a compact JWS, decoded but not yet trusted. */
export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly payload: Record<string, unknown>;
  /** `base64url(header).base64url(payload)`: the bytes the signature covers */
  readonly signingInput: string;
  readonly signature: Buffer;
}

const headerSchema = z.object({ alg: z.string(), kid: z.string().optional(), typ: z.string().optional() });
export type JwtHeader = z.infer<typeof headerSchema>;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Splits and parses a compact JWS; returns a reason instead of throwing so the caller can log it. */
export function decodeJwt(token: string): DecodedJwt | { readonly error: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: `token has ${parts.length} parts, expected 3` };
  const [h, p, s] = parts as [string, string, string];
  if (![h, p, s].every((part) => BASE64URL.test(part))) return { error: 'token is not base64url' };
  const header = headerSchema.safeParse(parseJson(h));
  if (!header.success) return { error: 'token header is not a JWS header' };
  const payload = z.record(z.string(), z.unknown()).safeParse(parseJson(p));
  if (!payload.success) return { error: 'token payload is not a JSON object' };
  return { header: header.data, payload: payload.data, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** Signs claims as an RS256 compact JWS (dev issuer and test key sets). */
export function signJwt(privateKey: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
