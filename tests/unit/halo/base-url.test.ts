import { normalizeTenant, resolveTarget } from '../../../src/halo';
import { parseBaseUrl } from '../../../src/halo/base-url';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('normalizeTenant', () => {
  it.each`
    input                             | tenant         | domain
    ${'acme'}                         | ${'acme'}      | ${undefined}
    ${'  acme  '}                     | ${'acme'}      | ${undefined}
    ${'Tenant123'}                    | ${'Tenant123'} | ${undefined}
    ${'acme.halopsa.com'}             | ${'acme'}      | ${'halopsa.com'}
    ${'https://acme.halopsa.com/'}    | ${'acme'}      | ${'halopsa.com'}
    ${'http://Acme.HaloPSA.com/auth'} | ${'acme'}      | ${'halopsa.com'}
    ${'acme.halopsa.com.'}            | ${'acme'}      | ${'halopsa.com'}
    ${'acme.haloitsm.com'}            | ${'acme'}      | ${'haloitsm.com'}
    ${'my-msp.haloservicedesk.com'}   | ${'my-msp'}    | ${'haloservicedesk.com'}
    ${'x1.nethelpdesk.com'}           | ${'x1'}        | ${'nethelpdesk.com'}
  `(
    'turns "$input" into $tenant',
    ({ input, tenant, domain }: { input: string; tenant: string; domain?: string }) => {
      expect(normalizeTenant(input)).toEqual(domain ? { tenant, domain } : { tenant });
    },
  );

  it.each(['', '   '])('treats %j as no tenant', (input) => {
    expect(normalizeTenant(input)).toBeUndefined();
  });

  it.each`
    input                          | why
    ${'support.example.com'}       | ${/looks like a web address.*Base URL/}
    ${'acme.halopsa.com.evil.com'} | ${/looks like a web address/}
    ${'a.b.halopsa.com'}           | ${/not a single name/}
    ${'acme corp'}                 | ${/letters, digits/}
    ${'-acme'}                     | ${/letters, digits/}
    ${'acme_1'}                    | ${/letters, digits/}
    ${'127.0.0.1:8080'}            | ${/looks like a web address/}
    ${'x'.repeat(64)}              | ${/at most 63/}
  `(
    'rejects "$input" with a message saying what to type',
    ({ input, why }: { input: string; why: RegExp }) => {
      expect(() => normalizeTenant(input)).toThrow(why);
      expect(codeOf(() => normalizeTenant(input))).toBe('halo_tenant_invalid');
    },
  );
});

describe('resolveTarget', () => {
  const strict = { allowPrivateUrls: false };

  it.each`
    tenantId               | baseUrl                                | expected
    ${'acme'}              | ${undefined}                           | ${{ baseUrl: 'https://acme.halopsa.com', tenant: 'acme', derivedFromTenant: true }}
    ${'acme.haloitsm.com'} | ${''}                                  | ${{ baseUrl: 'https://acme.haloitsm.com', tenant: 'acme', derivedFromTenant: true }}
    ${'Tenant123'}         | ${undefined}                           | ${{ baseUrl: 'https://tenant123.halopsa.com', tenant: 'Tenant123', derivedFromTenant: true }}
    ${'acme'}              | ${'https://support.acme.com'}          | ${{ baseUrl: 'https://support.acme.com', tenant: 'acme', derivedFromTenant: false }}
    ${''}                  | ${'https://support.acme.com/'}         | ${{ baseUrl: 'https://support.acme.com', tenant: undefined, derivedFromTenant: false }}
    ${''}                  | ${'https://support.acme.com/api/'}     | ${{ baseUrl: 'https://support.acme.com', tenant: undefined, derivedFromTenant: false }}
    ${''}                  | ${'https://acme.com/halo/'}            | ${{ baseUrl: 'https://acme.com/halo', tenant: undefined, derivedFromTenant: false }}
    ${''}                  | ${'  HTTPS://Support.Acme.com:8443  '} | ${{ baseUrl: 'https://support.acme.com:8443', tenant: undefined, derivedFromTenant: false }}
  `(
    'tenant "$tenantId" + base "$baseUrl"',
    ({
      tenantId,
      baseUrl,
      expected,
    }: {
      tenantId: string;
      baseUrl?: string;
      expected: unknown;
    }) => {
      expect(resolveTarget({ tenantId, baseUrl }, strict)).toEqual(expected);
    },
  );

  it('asks for a tenant or a base URL when both are empty', () => {
    expect(() => resolveTarget({ tenantId: ' ', baseUrl: ' ' }, strict)).toThrow(
      /Enter the Tenant ID.*Base URL/,
    );
  });
});

describe('parseBaseUrl', () => {
  it.each`
    raw                                   | allowPrivateUrls | why
    ${'http://support.acme.com'}          | ${false}         | ${/only https:\/\/ addresses are allowed, not http:/}
    ${'file:///etc/passwd'}               | ${false}         | ${/not file:/}
    ${'file:///etc/passwd'}               | ${true}          | ${/not file:/}
    ${'ftp://acme.com'}                   | ${true}          | ${/not ftp:/}
    ${'javascript:alert(1)'}              | ${false}         | ${/not javascript:/}
    ${'support.acme.com'}                 | ${false}         | ${/not a web address/}
    ${'https://user:pw@support.acme.com'} | ${false}         | ${/user name or password/}
    ${'https://support.acme.com/?x=1'}    | ${false}         | ${/must not contain \? or #/}
  `(
    'refuses $raw (private allowed: $allowPrivateUrls)',
    ({ raw, allowPrivateUrls, why }: { raw: string; allowPrivateUrls: boolean; why: RegExp }) => {
      expect(() => parseBaseUrl(raw, { allowPrivateUrls })).toThrow(why);
      expect(codeOf(() => parseBaseUrl(raw, { allowPrivateUrls }))).toBe('halo_url_refused');
    },
  );

  it('accepts http:// when private URLs are allowed (the demo sandbox)', () => {
    expect(parseBaseUrl('http://127.0.0.1:4010/', { allowPrivateUrls: true })).toBe(
      'http://127.0.0.1:4010',
    );
  });
});
