import { describe, expect, it } from 'vitest';
import { EgressProxy, isNonPublicAddress, parseEgressHosts } from './egress-proxy.ts';

describe('rehearsal egress rules', () => {
  it('reads host names, *.domain wildcards and ports, and refuses anything else', () => {
    expect(parseEgressHosts('registry.npmjs.org, *.PyPI.org ,files.pythonhosted.org:8443')).toEqual([
      { host: 'registry.npmjs.org', port: 443 },
      { host: '*.pypi.org', port: 443 },
      { host: 'files.pythonhosted.org', port: 8443 },
    ]);
    for (const wrong of [
      'localhost',
      '*',
      'http://registry.npmjs.org',
      'a.b:0',
      'a.b:99999',
      '10.0.0.1/8',
      'a..b',
    ]) {
      expect(parseEgressHosts(wrong)).toBeNull();
    }
  });

  it('allows a listed name on its port only; a wildcard covers subdomains, not the domain itself', () => {
    const proxy = new EgressProxy(parseEgressHosts('registry.npmjs.org,*.pypi.org')!);
    expect(proxy.allows('registry.npmjs.org', 443)).toBe(true);
    expect(proxy.allows('REGISTRY.npmjs.org.', 443)).toBe(true);
    expect(proxy.allows('registry.npmjs.org', 80)).toBe(false);
    expect(proxy.allows('evil-registry.npmjs.org', 443)).toBe(false);
    expect(proxy.allows('registry.npmjs.org.evil.example', 443)).toBe(false);
    expect(proxy.allows('files.pypi.org', 443)).toBe(true);
    expect(proxy.allows('pypi.org', 443)).toBe(false);
    expect(proxy.allows('notpypi.org', 443)).toBe(false);
  });

  it('counts loopback, private, link-local and reserved addresses as unreachable, in both families', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      'not an address',
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ['104.16.0.1', '151.101.1.63', '2606:4700::6810:1', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });
});
