import { describe, expect, it } from 'vitest';
import { firstError, notes, summary } from './helpers/doctor.ts';

const of = (key: string, go: string, value = 'string') => `json: cannot unmarshal ${value} into Go struct field Config.${key} of type ${go}`;

describe('daemon.json value types', () => {
  it('words a wrong type as Go 1.19 does for Engine 20.10', () => {
    expect(firstError('{"mtu": "1500"}')?.dockerd).toBe(of('mtu', 'int'));
    expect(firstError('{"ipv6": "true"}')?.dockerd).toBe(of('ipv6', 'bool'));
    expect(firstError('{"dns": "8.8.8.8"}')?.dockerd).toBe(of('dns', '[]string'));
    expect(firstError('{"registry-mirrors": ["a", 1]}')?.dockerd).toBe(of('registry-mirrors', 'string', 'number'));
    expect(firstError('{"log-opts": {"max-file": 3}}')?.dockerd).toBe(of('log-opts', 'string', 'number'));
    expect(firstError('{"features": {"buildkit": "yes"}}')?.dockerd).toBe(of('features', 'bool'));
    expect(firstError('{"ip": 0}')?.dockerd).toBe(of('ip', 'net.IP', 'number'));
  });

  it('names the number when it does not fit an integer field', () => {
    expect(firstError('{"mtu": 1500.5}')?.dockerd).toBe(of('mtu', 'int', 'number 1500.5'));
  });

  it('says how to write the value, in both languages', () => {
    const note = firstError('{"debug": "true"}');
    expect(note?.text.en).toContain('`true` or `false`, without quotes');
    expect(note?.text.zh).toContain('不带引号的 `true` 或 `false`');
  });

  it('checks the address pools the way opts.PoolsOpt decodes them', () => {
    expect(firstError('{"default-address-pools": "base=10.10.0.0/16,size=24"}')?.dockerd).toBe(of('default-address-pools', '[]*ipamutils.NetworkToSplit'));
    expect(firstError('{"default-address-pools": ["10.10.0.0/16"]}')?.dockerd).toBe(of('default-address-pools', 'ipamutils.NetworkToSplit'));
    expect(firstError('{"default-address-pools": [{"base": "10.10.0.0/16", "size": "24"}]}')?.dockerd).toBe(of('default-address-pools', 'int'));
    expect(firstError('{"default-address-pools": [{"BASE": 10, "size": 24}]}')?.dockerd).toBe(of('default-address-pools', 'string', 'number'));
  });

  it('checks IP addresses and sizes with the fields’ own decoders', () => {
    expect(firstError('{"default-gateway": "gateway.lan"}')?.dockerd).toBe('invalid IP address: gateway.lan');
    expect(summary('{"default-gateway": ""}')).toEqual([]);
    expect(firstError('{"default-shm-size": "64X"}')?.dockerd).toBe("invalid size: '64X'");
    expect(firstError('{"default-shm-size": 67108864}')?.dockerd).toBe('invalid size: "67108864"');
    expect(summary('{"default-shm-size": "64M"}')).toEqual([]);
  });

  it('lists first the error that stops decoding, which is the one dockerd prints', () => {
    // Go saves the mtu error and goes on; the bad IP stops it, and that error wins.
    const errors = notes('{"mtu": "1500", "ip": "nowhere"}').filter((n) => n.severity === 'error');
    expect(errors.map((n) => n.dockerd)).toEqual(['invalid IP address: nowhere', of('mtu', 'int')]);
  });

  it('accepts null for anything, as Go does', () => {
    expect(summary('{"mtu": null, "dns": null, "bip": null}')).toEqual([]);
  });

  it('checks every occurrence of a repeated key', () => {
    expect(summary('{"mtu": "1", "mtu": 1400}')).toEqual(['mtu:error', 'mtu:warning']);
  });
});
