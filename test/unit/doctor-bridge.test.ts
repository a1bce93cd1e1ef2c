import { describe, expect, it } from 'vitest';
import { check, firstError, notes, on2010, summary } from './helpers/doctor.ts';

const NET = 'Error initializing network controller: ';

describe('the default bridge', () => {
  it('refuses bip without a prefix, and shows the fix', () => {
    const note = firstError('{"bip": "172.17.0.1"}');
    expect(note?.dockerd).toBe(`${NET}invalid CIDR address: 172.17.0.1`);
    expect(note?.text.en).toContain('`172.17.0.1/16`');
  });

  it('refuses bip on the network or broadcast address', () => {
    expect(firstError('{"bip": "172.26.0.0/16"}')?.text.en).toContain('write `172.26.0.1/16` instead of `172.26.0.0/16`');
    expect(firstError('{"bip": "172.26.0.0/16"}')?.dockerd).toContain('failed to allocate gateway (172.26.0.0): Address already in use');
    expect(firstError('{"bip": "10.50.0.255/24"}')?.dockerd).toContain('failed to allocate gateway (10.50.0.255)');
    expect(check('{"bip": "10.50.0.1/24"}').verdict).toBe('starts');
  });

  it('refuses bip together with bridge', () => {
    expect(firstError('{"bip": "10.50.0.1/24", "bridge": "br0"}')?.dockerd).toBe('You specified -b & --bip, mutually exclusive options. Please specify only one');
    expect(check('{"bip": "", "bridge": "br0"}').verdict).toBe('starts');
  });

  it('refuses icc=false without iptables', () => {
    expect(firstError('{"iptables": false, "icc": false}')?.dockerd).toContain('You specified --iptables=false with --icc=false');
  });

  it('needs experimental for ip6tables before 27.0', () => {
    const text = '{"ip6tables": true}';
    expect(check(text, on2010).verdict).toBe('will-not-start');
    expect(check(text, { engine: '27.0' }).verdict).toBe('starts');
    expect(check('{"ip6tables": true, "experimental": true}', on2010).verdict).toBe('starts');
  });

  it('needs fixed-cidr-v6 with ipv6 before 28.0', () => {
    const text = '{"ipv6": true}';
    expect(firstError(text, on2010)?.dockerd).toContain('IPv6 is enabled for the default bridge, but no subnet is configured');
    expect(check(text, { engine: '28.0' }).verdict).toBe('starts');
    expect(summary(text)).toEqual(['ipv6:warning']);
    expect(firstError('{"ipv6": true, "fixed-cidr-v6": "2001:db8::"}')?.dockerd).toBe(`${NET}invalid CIDR address: 2001:db8::`);
  });

  it('refuses a default gateway outside bip’s subnet', () => {
    expect(firstError('{"bip": "10.50.0.1/24", "default-gateway": "10.60.0.1"}')?.dockerd).toContain(
      'auxiliary address: (DefaultGatewayIPv4:10.60.0.1) must belong to the master pool: 10.50.0.0/24',
    );
  });

  it('warns about fixed-cidr outside bip', () => {
    expect(summary('{"bip": "10.50.0.1/24", "fixed-cidr": "10.60.0.0/24"}')).toEqual(['fixed-cidr:warning']);
    expect(summary('{"bip": "10.50.0.1/24", "fixed-cidr": "10.50.0.0/25"}')).toEqual([]);
    expect(firstError('{"fixed-cidr": "10.50.0.0"}')?.dockerd).toBe(`${NET}invalid CIDR address: 10.50.0.0`);
  });
});

describe('the MTU', () => {
  it('refuses a negative MTU everywhere', () => {
    expect(firstError('{"mtu": -1}')?.dockerd).toContain('invalid MTU number: -1');
  });

  it('outside 68–65535: 20.10 to 24.0 start (containers cannot), 25.0 and later refuse', () => {
    for (const mtu of [60, 70000]) {
      expect(check(`{"mtu": ${mtu}}`, on2010).verdict).toBe('starts-with-warnings');
      expect(check(`{"mtu": ${mtu}}`, { engine: '25.0' }).verdict).toBe('will-not-start');
    }
  });

  it('warns about jumbo frames and about IPv6 below 1280', () => {
    expect(summary('{"mtu": 9000}')).toEqual(['mtu:warning']);
    expect(summary('{"mtu": 1200, "ipv6": true, "fixed-cidr-v6": "2001:db8:1::/64"}')).toEqual(['mtu:warning']);
    expect(summary('{"mtu": 1450}')).toEqual([]);
    expect(notes('{"mtu": 9000}')[0]?.text.zh).toContain('巨型帧');
  });
});
