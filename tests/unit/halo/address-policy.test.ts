import { refusedAddressReason, vetHost, type ResolveHost } from '../../../src/halo';

describe('refusedAddressReason', () => {
  it.each`
    address                     | reason
    ${'127.0.0.1'}              | ${/loopback/}
    ${'127.255.0.9'}            | ${/loopback/}
    ${'0.0.0.0'}                | ${/this network/}
    ${'10.0.0.1'}               | ${/private/}
    ${'10.255.255.255'}         | ${/private/}
    ${'172.16.0.1'}             | ${/private/}
    ${'172.31.255.254'}         | ${/private/}
    ${'192.168.1.1'}            | ${/private/}
    ${'100.64.0.1'}             | ${/carrier-grade NAT/}
    ${'100.127.255.255'}        | ${/carrier-grade NAT/}
    ${'169.254.169.254'}        | ${/link-local.*metadata/}
    ${'169.254.0.1'}            | ${/link-local/}
    ${'224.0.0.251'}            | ${/multicast/}
    ${'255.255.255.255'}        | ${/reserved/}
    ${'192.0.2.10'}             | ${/documentation/}
    ${'::1'}                    | ${/loopback/}
    ${'[::1]'}                  | ${/loopback/}
    ${'::'}                     | ${/unspecified/}
    ${'fc00::1'}                | ${/unique-local/}
    ${'fd12:3456:789a::1'}      | ${/unique-local/}
    ${'fd00:ec2::254'}          | ${/unique-local/}
    ${'fe80::1'}                | ${/link-local/}
    ${'fe80::1%eth0'}           | ${/link-local/}
    ${'febf:ffff::1'}           | ${/link-local/}
    ${'ff02::1'}                | ${/multicast/}
    ${'::ffff:127.0.0.1'}       | ${/loopback/}
    ${'::ffff:10.1.2.3'}        | ${/private/}
    ${'::ffff:169.254.169.254'} | ${/link-local/}
    ${'::ffff:a9fe:a9fe'}       | ${/link-local/}
    ${'::ffff:192.168.0.1'}     | ${/private/}
    ${'64:ff9b::10.0.0.1'}      | ${/private/}
    ${'2002:0a00:0001::1'}      | ${/private/}
    ${'2001:db8::1'}            | ${/documentation/}
    ${'not-an-ip'}              | ${/not an IP/}
  `('refuses $address', ({ address, reason }: { address: string; reason: RegExp }) => {
    expect(refusedAddressReason(address)).toMatch(reason);
  });

  it.each([
    '8.8.8.8',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.255.255',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    'fbff::1',
    'fe7f::1',
  ])('accepts the public address %s', (address) => {
    expect(refusedAddressReason(address)).toBeUndefined();
  });
});

describe('vetHost', () => {
  const resolver =
    (table: Record<string, string[]>): ResolveHost =>
    async (host) => {
      const addresses = table[host];
      if (!addresses)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };

  it('returns the vetted addresses of a public host', async () => {
    await expect(
      vetHost(
        'acme.halopsa.com',
        resolver({ 'acme.halopsa.com': ['93.184.215.14', '2606:4700::1'] }),
      ),
    ).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:4700::1', family: 6 },
    ]);
  });

  it.each`
    host                  | addresses                         | code
    ${'evil.example'}     | ${['10.0.0.5']}                   | ${'halo_url_refused'}
    ${'metadata.example'} | ${['169.254.169.254']}            | ${'halo_url_refused'}
    ${'mixed.example'}    | ${['93.184.215.14', '127.0.0.1']} | ${'halo_url_refused'}
    ${'v6.example'}       | ${['fd00::1']}                    | ${'halo_url_refused'}
    ${'mapped.example'}   | ${['::ffff:192.168.0.10']}        | ${'halo_url_refused'}
    ${'localhost'}        | ${['127.0.0.1', '::1']}           | ${'halo_url_refused'}
    ${'empty.example'}    | ${[]}                             | ${'halo_unreachable'}
  `(
    'refuses $host resolving to $addresses',
    async ({ host, addresses, code }: { host: string; addresses: string[]; code: string }) => {
      await expect(vetHost(host, resolver({ [host]: addresses }))).rejects.toMatchObject({ code });
    },
  );

  it('refuses an IP literal without asking DNS', async () => {
    const ask: ResolveHost = () => {
      throw new Error('DNS must not be asked for an IP literal');
    };
    await expect(vetHost('[::1]', ask)).rejects.toMatchObject({ code: 'halo_url_refused' });
    await expect(vetHost('169.254.169.254', ask)).rejects.toMatchObject({
      code: 'halo_url_refused',
    });
    await expect(vetHost('93.184.215.14', ask)).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
    ]);
  });

  it('reports a name that does not resolve as unreachable', async () => {
    await expect(vetHost('nosuch.example', resolver({}))).rejects.toMatchObject({
      code: 'halo_unreachable',
      detail: expect.stringContaining('ENOTFOUND'),
    });
  });

  it('says which address a refused name leads to, in words', async () => {
    await expect(
      vetHost('evil.example', resolver({ 'evil.example': ['10.0.0.5'] })),
    ).rejects.toThrow(/evil\.example is not allowed: it leads to a private address/);
  });
});
