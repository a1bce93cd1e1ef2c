// Redaction against realistic `ip addr` captures (a cloud VM, a laptop on Wi-Fi with a USB NIC,
// Tailscale, WireGuard, docker0 with IPv6 inside a container) and a seeded property test over
// generated ones: no planted secret survives, what teaches stays, and the structure is intact.
import { describe, expect, it } from 'vitest';
import { parseIpAddr } from '../../src/demos/ip-parse.ts';
import { redactHostAddresses } from '../../src/docker/redact.ts';

interface Capture {
  readonly text: string;
  /** Substrings that must not survive: MAC bytes, public addresses, interface ids made from MACs. */
  readonly secrets: readonly string[];
  /** Substrings that must survive: they teach and identify nothing. */
  readonly kept: readonly string[];
}

const CAPTURES: Record<string, Capture> = {
  'cloud VM (AWS, IPv6, docker0 with a global prefix)': {
    text: `2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000
    link/ether 0e:3f:9a:41:b2:17 brd ff:ff:ff:ff:ff:ff
    altname enp0s5
    inet 172.31.22.140/20 metric 100 brd 172.31.31.255 scope global dynamic ens5
       valid_lft 3412sec preferred_lft 3412sec
    inet6 2600:1f18:4a3:6c02:9f1e:77b0:e2a1:4c55/128 scope global dynamic noprefixroute
       valid_lft 446sec preferred_lft 136sec
    inet6 fe80::c3f:9aff:fe41:b217/64 scope link
       valid_lft forever preferred_lft forever
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:42:5d:9c:01:7e brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
    inet6 2600:1f18:4a3:6c80::1/64 scope global
    inet6 fe80::42:5dff:fe9c:17e/64 scope link
`,
    secrets: ['0e:3f:9a:41:b2:17', '4a3:6c02', '9f1e:77b0:e2a1:4c55', 'c3f:9aff:fe41:b217', '4a3:6c80'],
    kept: ['172.31.22.140/20', '02:42:5d:9c:01:7e', '172.17.0.1/16', 'fe80::42:5dff:fe9c:17e/64', 'mtu 9001'],
  },
  'laptop on Wi-Fi with a USB NIC': {
    text: `3: wlp2s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether a4:c3:f0:85:1d:22 brd ff:ff:ff:ff:ff:ff
    inet 192.168.1.23/24 brd 192.168.1.255 scope global dynamic noprefixroute wlp2s0
    inet6 2a02:8108:1240:4f00:61a2:b7c3:d8e9:f012/64 scope global temporary dynamic
    inet6 2a02:8108:1240:4f00:a6c3:f0ff:fe85:1d22/64 scope global dynamic mngtmpaddr noprefixroute
    inet6 fe80::a6c3:f0ff:fe85:1d22/64 scope link noprefixroute
4: enx00e04c680123: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc fq_codel state DOWN group default qlen 1000
    link/ether 00:e0:4c:68:01:23 brd ff:ff:ff:ff:ff:ff
`,
    secrets: ['a4:c3:f0:85:1d:22', '1240:4f00', '61a2:b7c3', 'a6c3:f0ff:fe85:1d22', '00e04c680123', '00:e0:4c:68:01:23'],
    kept: ['192.168.1.23/24', 'wlp2s0', 'NO-CARRIER'],
  },
  Tailscale: {
    text: `5: tailscale0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1280 qdisc fq_codel state UNKNOWN group default qlen 500
    link/none
    inet 100.88.17.93/32 scope global tailscale0
       valid_lft forever preferred_lft forever
    inet6 fd7a:115c:a1e0::6a01:115d/128 scope global
       valid_lft forever preferred_lft forever
    inet6 fe80::6f3e:2b1c:47d8:9a15/64 scope link stable-privacy
`,
    secrets: ['88.17.93', '6a01:115d'],
    kept: ['link/none', 'mtu 1280', 'fe80::6f3e:2b1c:47d8:9a15/64'], // a stable-privacy id, not made from a MAC
  },
  WireGuard: {
    text: `6: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN group default qlen 1000
    link/none
    inet 10.8.0.2/24 scope global wg0
    inet6 2001:470:1f0b:9a2::2/64 scope global
default via 198.51.100.1 dev eth0 proto dhcp src 198.51.100.77 metric 100
10.8.0.0/24 dev wg0 proto kernel scope link src 10.8.0.2
`,
    secrets: ['1f0b:9a2', '51.100.1', '51.100.77'],
    kept: ['10.8.0.2/24', '10.8.0.0/24', 'mtu 1420'],
  },
  'a container on an engine with public IPv6 on its bridges (bridge scenario)': {
    text: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
    inet6 ::1/128 scope host
212: eth0@if213: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue
    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
    inet6 2a01:4f8:c012:8e3b::242:ac11:2/64 scope global flags 02
    inet6 fe80::42:acff:fe11:2/64 scope link
`,
    secrets: ['c012:8e3b', '242:ac11:2/64 scope global'],
    kept: ['02:42:ac:11:00:02', '172.17.0.2/16', 'fe80::42:acff:fe11:2/64', 'eth0@if213', '::1/128'],
  },
};

describe('redaction on realistic captures', () => {
  it.each(Object.entries(CAPTURES))('%s: no secret survives, what teaches stays, the structure is intact', (_name, capture) => {
    const out = redactHostAddresses(capture.text);
    for (const secret of capture.secrets) expect(out.toLowerCase(), secret).not.toContain(secret.toLowerCase());
    for (const kept of capture.kept) expect(out, kept).toContain(kept);
    const shape = (text: string) => parseIpAddr(text).map((i) => [i.index, i.mtu, i.flags.join(), i.addresses.map((a) => `${a.family}/${a.cidr.split('/')[1]}/${a.scope}`).join()]);
    expect(shape(out)).toEqual(shape(capture.text));
  });
});

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('redaction, property test over generated captures', () => {
  it('masks every planted MAC, public address, tailnet address and MAC-made interface id in 500 captures', () => {
    const random = prng(20261202);
    const byte = () => Math.floor(random() * 256);
    const hex2 = (n: number) => n.toString(16).padStart(2, '0');
    const group = () => Math.floor(random() * 0xffff + 1).toString(16);
    for (let i = 0; i < 500; i++) {
      // A NIC's MAC: any first byte but Docker's 02 (kept on purpose), multicast bit clear.
      let first = byte() & 0xfe;
      if (first === 0x02) first = 0x52;
      const mac = [first, byte(), byte(), byte(), byte(), byte()];
      const macText = mac.map(hex2).join(':');
      const eui = `${hex2(mac[0]! ^ 0x02)}${hex2(mac[1]!)}:${hex2(mac[2]!)}ff:fe${hex2(mac[3]!)}:${hex2(mac[4]!)}${hex2(mac[5]!)}`.replace(/(^|:)0+(?=[0-9a-f])/g, '$1');
      let a = 1 + Math.floor(random() * 222);
      if ([10, 100, 127, 169, 172, 192].includes(a)) a = 203;
      const publicV4 = `${a}.${byte()}.${byte()}.${1 + Math.floor(random() * 254)}`;
      const cgnat = `100.${64 + Math.floor(random() * 64)}.${byte()}.${byte()}`;
      const globalV6 = `2001:${group()}:${group()}:${group()}::${group()}`;
      const tailnet = `fd7a:115c:a1e0::${group()}:${group()}`;
      const text = `2: enx${mac.map(hex2).join('')}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500
    link/ether ${macText} brd ff:ff:ff:ff:ff:ff
    inet ${publicV4}/24 brd ${publicV4.replace(/\.\d+$/, '.255')} scope global
    inet ${cgnat}/32 scope global
    inet6 ${globalV6}/64 scope global
    inet6 ${tailnet}/128 scope global
    inet6 fe80::${eui}/64 scope link
`;
      const out = redactHostAddresses(text).toLowerCase();
      const seedNote = `capture ${i}:\n${text}`;
      expect(out, seedNote).not.toContain(macText);
      expect(out, seedNote).not.toContain(mac.map(hex2).join(''));
      expect(out, seedNote).not.toContain(eui);
      expect(out, seedNote).not.toContain(publicV4);
      expect(out, seedNote).not.toContain(cgnat);
      expect(out, seedNote).not.toContain(globalV6.split(':').slice(2).join(':'));
      expect(out, seedNote).not.toContain(tailnet.split('::')[1]);
      expect(parseIpAddr(out).map((x) => x.addresses.length)).toEqual([5]);
    }
  });
});
