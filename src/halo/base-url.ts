import { AppError } from '../errors';

/** Domains Halo hosts tenants under: `<tenant>.<domain>` (WYRE's list, see halopsa-api.md §1.3). */
export const HOSTED_DOMAINS = [
  'halopsa.com',
  'haloitsm.com',
  'haloservicedesk.com',
  'nethelpdesk.com',
] as const;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Where one connection talks to, after normalization. */
export interface HaloTarget {
  /** origin plus optional path prefix, no trailing slash, e.g. `https://acme.halopsa.com` */
  readonly baseUrl: string;
  /** the tenant to send as `?tenant=`, or undefined when none is known yet */
  readonly tenant: string | undefined;
  /** true when baseUrl was built from the tenant (a DNS failure then means an unknown tenant) */
  readonly derivedFromTenant: boolean;
}

/**
 * Turns what a user typed as Tenant ID into a bare tenant label: `acme`, `acme.halopsa.com`
 * and `https://acme.halopsa.com/` all give `acme` (a full host as tenant would otherwise build
 * `acme.halopsa.com.halopsa.com`, which resolves through wildcard DNS and then fails TLS).
 * Returns the hosted domain too when the input named one. Empty input gives `undefined`.
 */
export function normalizeTenant(input: string): { tenant: string; domain?: string } | undefined {
  let value = input.trim();
  if (value === '') return undefined;
  value = value
    .replace(/^https?:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.$/, '');
  const host = value.toLowerCase();
  for (const domain of HOSTED_DOMAINS) {
    if (host.endsWith(`.${domain}`)) {
      const label = host.slice(0, -domain.length - 1);
      if (LABEL.test(label)) return { tenant: label, domain };
      throw tenantInvalid(input, `"${label}" is not a single name before .${domain}`);
    }
  }
  if (value.includes('.') || value.includes(':')) {
    throw new AppError('halo_tenant_invalid', {
      message: `The Tenant ID "${clip(input)}" looks like a web address. Put the address in the Base URL field and type only the tenant name (as HaloPSA shows it under API Details) as Tenant ID, or leave it empty.`,
    });
  }
  if (!LABEL.test(value)) {
    throw tenantInvalid(input, 'a tenant uses only letters, digits and inner hyphens (at most 63)');
  }
  return { tenant: value };
}

/**
 * Decides base URL and tenant for a connection. A Base URL wins (custom domains, self-hosted, the
 * sandbox); a trailing `/api` (the "Resource" URL HaloPSA shows) is dropped. Without one the
 * hosted URL `https://<tenant>.<domain>` is used.
 */
export function resolveTarget(
  input: { tenantId: string; baseUrl?: string | undefined },
  options: { allowPrivateUrls: boolean },
): HaloTarget {
  const tenant = normalizeTenant(input.tenantId);
  const rawBase = input.baseUrl?.trim() ?? '';
  if (rawBase === '') {
    if (!tenant) {
      throw new AppError('halo_tenant_invalid', {
        message:
          'Enter the Tenant ID (e.g. acme for acme.halopsa.com), or the Base URL of your HaloPSA if it uses a custom domain.',
      });
    }
    return {
      baseUrl: `https://${tenant.tenant.toLowerCase()}.${tenant.domain ?? 'halopsa.com'}`,
      tenant: tenant.tenant,
      derivedFromTenant: true,
    };
  }
  return {
    baseUrl: parseBaseUrl(rawBase, options),
    tenant: tenant?.tenant,
    derivedFromTenant: false,
  };
}

/** Validates a Base URL's form (scheme, no credentials); the address is vetted later, after DNS. */
export function parseBaseUrl(raw: string, options: { allowPrivateUrls: boolean }): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(raw, 'it is not a web address; it should look like https://support.example.com');
  }
  if (url.protocol !== 'https:' && !(options.allowPrivateUrls && url.protocol === 'http:')) {
    throw refused(raw, `only https:// addresses are allowed, not ${url.protocol}//`);
  }
  if (url.username !== '' || url.password !== '') {
    throw refused(raw, 'it must not contain a user name or password');
  }
  if (url.search !== '' || url.hash !== '') {
    throw refused(raw, 'it must not contain ? or #; use the address of the HaloPSA web app only');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/i, '');
  return `${url.origin}${path}`;
}

function refused(raw: string, why: string): AppError {
  return new AppError('halo_url_refused', {
    message: `The HaloPSA Base URL "${clip(raw)}" is not allowed: ${why}.`,
  });
}

function tenantInvalid(raw: string, why: string): AppError {
  return new AppError('halo_tenant_invalid', {
    message: `The Tenant ID "${clip(raw)}" cannot be a HaloPSA tenant: ${why}. Type the name HaloPSA shows under API Details, or fill in the Base URL field for a custom domain.`,
  });
}

/** Echoes user input into a message without letting it grow unbounded. */
function clip(raw: string): string {
  const t = raw.trim();
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
