import { describe, expect, it } from 'vitest';
import { check, firstError, notes, summary } from './helpers/doctor.ts';

const PREFIX = 'Error initializing network controller: error obtaining controller instance: ';

describe('address pools', () => {
  it('refuses a base that does not parse and a size that does not fit', () => {
    expect(firstError('{"default-address-pools": [{"base": "10.10.0.0", "size": 24}]}')?.dockerd).toBe(
      `${PREFIX}invalid base pool "10.10.0.0": invalid CIDR address: 10.10.0.0`,
    );
    expect(firstError('{"default-address-pools": [{"base": "10.10.0.0/24", "size": 16}]}')?.dockerd).toBe(`${PREFIX}invalid pools size: 16`);
    expect(firstError('{"default-address-pools": [{"base": "10.10.0.0/16"}]}')?.dockerd).toBe(`${PREFIX}invalid pools size: 0`);
  });

  it('warns about pools that overlap each other, and bip inside a pool', () => {
    expect(summary('{"default-address-pools": [{"base": "10.10.0.0/16", "size": 24}, {"base": "10.10.128.0/17", "size": 24}]}')).toEqual([
      'default-address-pools:warning',
    ]);
    expect(summary('{"bip": "10.200.0.1/24", "default-address-pools": [{"base": "10.200.0.0/16", "size": 24}]}')).toEqual(['bip:warning']);
  });

  it('warns about a pool that lists millions of subnets', () => {
    const text = notes('{"default-address-pools": [{"base": "10.0.0.0/8", "size": 30}]}').map((n) => n.text.en).join(' ');
    expect(text).toContain('makes 4194304 subnets');
  });
});

describe('clashes with VPNs and LANs', () => {
  it('warns when Docker’s ranges overlap Tailscale, home routers or a cloud VPC', () => {
    expect(notes('{"bip": "100.100.0.1/24"}')[0]?.text.en).toContain('Tailscale');
    expect(notes('{"bip": "192.168.1.5/24"}')[0]?.text.en).toContain('home-router LAN');
    expect(notes('{"default-address-pools": [{"base": "172.31.0.0/16", "size": 24}]}')[0]?.text.en).toContain('AWS default VPC');
    expect(notes('{"fixed-cidr-v6": "fd7a:115c:a1e0:ab12::/64", "ipv6": true}')[0]?.text.en).toContain('Tailscale’s IPv6 range');
  });

  it('warns when a pool takes a whole private block', () => {
    expect(notes('{"default-address-pools": [{"base": "192.168.0.0/16", "size": 24}]}').map((n) => n.text.en).join(' ')).toContain(
      'takes the whole private block 192.168.0.0/16',
    );
  });

  it('checks the LAN ranges the member names, against the file and Docker’s defaults', () => {
    expect(summary('{"bip": "10.50.0.1/24"}', { lanRanges: ['10.50.0.0/16'] })).toEqual(['bip:warning']);
    const defaults = notes('{}', { lanRanges: ['172.17.8.0/24'] }).map((n) => `${n.key}: ${n.text.en}`);
    expect(defaults[0]).toMatch(/^bip: Your LAN 172\.17\.8\.0\/24 overlaps Docker’s default docker0 subnet \(172\.17\.0\.0\/16\)/);
    expect(summary('{}', { lanRanges: ['192.168.20.7'] })).toEqual(['default-address-pools:warning']);
    expect(summary('{"bip": "10.50.0.1/24", "default-address-pools": [{"base": "10.60.0.0/16", "size": 24}]}', { lanRanges: ['192.168.1.0/24'] })).toEqual([]);
    expect(summary('{}', { lanRanges: ['not a range'] })).toEqual(['(lan):info']);
  });

  it('never stops dockerd over a clash', () => {
    expect(check('{"bip": "100.100.0.1/24"}', { lanRanges: ['100.100.0.0/24'] }).verdict).toBe('starts-with-warnings');
  });
});
