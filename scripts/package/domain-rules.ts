/**
 * Rules for `validDomains` and the URLs of the manifest (store items 25, 30, 31, 32).
 * @module
 */
import { problem, type PackageProblem } from './problem';
import { collectUrls, type ManifestShape } from './manifest-shape';

const WHERE = 'manifest.json';

/** Microsoft's hosts: nobody else may claim them in `validDomains` (store item 31). */
const MICROSOFT_DOMAINS = ['microsoft.com', 'onmicrosoft.com', 'botframework.com', 'office.com'];
/** Shared hosting: one named site is yours, a wildcard or the bare domain is not. */
const SHARED_HOSTING = ['azurewebsites.net', 'azureedge.net', 'azureedge.com'];

const under = (host: string, suffix: string): boolean => host === suffix || host.endsWith(`.${suffix}`);

/** Development-only hosts: tunnels and loopback (store item 25). */
const DEV_HOST = /(^|\.)(localhost|ngrok(-free)?\.(io|app|dev)|devtunnels\.ms|trycloudflare\.com|loca\.lt|localtunnel\.me|serveo\.net)(:\d+)?$|^127\.|^\[?::1\]?(:\d+)?$/i;

/** Options of the domain rules. */
export interface DomainRuleOptions {
  /** accept localhost and tunnel hosts (the `local` environment only) */
  readonly allowDevHosts: boolean;
}

function stripPort(host: string): string {
  return host.replace(/:\d+$/, '');
}

/** Whether `host` (maybe with a port) is covered by a `validDomains` entry (leading `*.` wildcard). */
export function hostMatchesDomain(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  const d = domain.toLowerCase();
  if (h === d || stripPort(h) === d) return true;
  if (!d.startsWith('*.')) return false;
  const suffix = d.slice(1);
  const bare = stripPort(h);
  return bare.endsWith(suffix) && !bare.slice(0, -suffix.length).includes('.');
}

function checkDomainEntry(domain: string, i: number, options: DomainRuleOptions): PackageProblem[] {
  const where = `${WHERE} /validDomains/${i}`;
  const out: PackageProblem[] = [];
  if (/[/?#]|^\w+:\/\//.test(domain)) {
    out.push(problem(where, `"${domain}" is a URL, not a domain`, 'list the host only, e.g. halo-import.contoso.com'));
    return out;
  }
  const bare = stripPort(domain.replace(/^\*\./, '')).toLowerCase();
  if (domain.includes('*') && !/^\*\.[^*]+$/.test(domain)) {
    out.push(problem(where, `"${domain}" has a wildcard that is not a whole leading segment`, 'write the wildcard as "*.your-domain.com" or list each host'));
  }
  if (!bare.includes('.') && bare !== 'localhost') {
    out.push(problem(where, `"${domain}" is a top-level domain`, 'list your own host name, e.g. halo-import.contoso.com'));
  }
  if (MICROSOFT_DOMAINS.some((s) => under(bare, s))) {
    out.push(problem(where, `"${domain}" is a Microsoft domain this app does not own`, 'remove it: list only domains you control'));
  }
  if (SHARED_HOSTING.some((s) => bare === s || (domain.startsWith('*') && under(bare, s)))) {
    out.push(problem(where, `"${domain}" covers hosts of other Azure customers`, 'list your own site only, e.g. halo-import.azurewebsites.net, or better a custom domain'));
  }
  if (!options.allowDevHosts && DEV_HOST.test(domain)) {
    out.push(problem(where, `"${domain}" is a localhost or tunnel host`, 'use the production host name; tunnels are only for the "local" environment'));
  }
  return out;
}

/** Checks `validDomains`, that every URL is https inside them, and the SSO resource. */
export function checkDomains(manifest: ManifestShape, options: DomainRuleOptions): PackageProblem[] {
  const domains = manifest.validDomains ?? [];
  const out: PackageProblem[] = domains.flatMap((d, i) => checkDomainEntry(d, i, options));
  if (domains.length === 0) {
    out.push(problem(`${WHERE} /validDomains`, 'no validDomains are listed', 'list the tab host (TAB_DOMAIN) so Teams loads the tab and SSO works'));
  }
  const inDomains = (host: string): boolean => domains.some((d) => hostMatchesDomain(host, d));
  for (const { pointer, url } of collectUrls(manifest)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      out.push(problem(`${WHERE} ${pointer}`, `"${url}" is not an absolute URL`, 'use https://<your host>/<path>'));
      continue;
    }
    if (parsed.protocol !== 'https:') {
      out.push(problem(`${WHERE} ${pointer}`, `"${url}" does not use https`, 'serve it over https:// (Teams refuses plain http)'));
    }
    if (!inDomains(parsed.host)) {
      out.push(problem(`${WHERE} ${pointer}`, `the host of "${url}" is not in validDomains [${domains.join(', ')}]`, `add "${parsed.host}" to validDomains or point the URL at a listed domain`));
    }
  }
  const sso = manifest.webApplicationInfo;
  if (sso?.resource !== undefined) {
    const m = /^api:\/\/([^/]+)\/(.+)$/.exec(sso.resource);
    if (!m || !inDomains(m[1] ?? '') || m[2] !== sso.id) {
      out.push(problem(`${WHERE} /webApplicationInfo/resource`, `"${sso.resource}" is not api://<a valid domain>/<webApplicationInfo.id>`, 'set it to api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}, the Application ID URI of the Entra app'));
    }
  }
  return out;
}
