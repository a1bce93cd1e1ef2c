import { describe, expect, it } from 'vitest';
import { redactHostAddresses } from '../../src/docker/redact.ts';

// What `ip addr` prints on a cloud VM running Docker (iproute2 format).
const HOST_IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host
       valid_lft forever preferred_lft forever
2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 52:54:00:9a:3c:1e brd ff:ff:ff:ff:ff:ff
    altname enp0s3
    inet 203.0.113.47/24 metric 100 brd 203.0.113.255 scope global dynamic ens3
       valid_lft 85938sec preferred_lft 85938sec
    inet6 2001:db8:4f2a:1c00::1b3/64 scope global dynamic mngtmpaddr noprefixroute
       valid_lft 2591998sec preferred_lft 604798sec
    inet6 fe80::5054:ff:fe9a:3c1e/64 scope link
       valid_lft forever preferred_lft forever
3: ens4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc fq_codel state UP group default qlen 1000
    link/ether 0a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff
    inet 10.0.3.12/24 brd 10.0.3.255 scope global ens4
       valid_lft forever preferred_lft forever
    inet6 fd12:3456:789a:1::12/64 scope global
       valid_lft forever preferred_lft forever
4: tailscale0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1280 qdisc fq_codel state UNKNOWN group default qlen 500
    link/none
    inet 100.101.102.103/32 scope global tailscale0
       valid_lft forever preferred_lft forever
5: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default
    link/ether 02:42:8f:11:5a:c0 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
7: veth3f2a1b0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default
    link/ether 96:e1:57:0c:2d:88 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet6 fe80::94e1:57ff:fe0c:2d88/64 scope link
       valid_lft forever preferred_lft forever
8: br-lan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:42:c0:a8:01:02 brd ff:ff:ff:ff:ff:ff
    inet 192.168.1.2/24 brd 192.168.1.255 scope global br-lan
    inet 169.254.7.9/16 scope link br-lan
`;

describe('host-mode redaction', () => {
  const redacted = redactHostAddresses(HOST_IP_ADDR);

  it('masks public IPv4 addresses and their broadcast, keeping the prefix length', () => {
    expect(redacted).toContain('inet 203.0.x.x/24 metric 100 brd 203.0.x.x scope global dynamic ens3');
    expect(redacted).not.toContain('203.0.113');
  });

  it('masks global IPv6 addresses, keeping the first two groups and the prefix length', () => {
    expect(redacted).toContain('inet6 2001:db8:x:x:x:x:x:x/64 scope global');
    expect(redacted).not.toContain('4f2a');
  });

  it('masks hardware MACs, keeps Docker’s 02:42 MACs, the zero and broadcast addresses', () => {
    expect(redacted).toContain('link/ether xx:xx:xx:xx:xx:xx brd ff:ff:ff:ff:ff:ff\n    altname enp0s3');
    expect(redacted).not.toMatch(/52:54:00|0a:1b:2c|96:e1:57/);
    expect(redacted).toContain('link/ether 02:42:8f:11:5a:c0');
    expect(redacted).toContain('link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00');
  });

  it('keeps private, loopback, link-local and ULA addresses, which teach something', () => {
    for (const kept of ['127.0.0.1/8', '::1/128', '10.0.3.12/24', '172.17.0.1/16', '192.168.1.2/24', '169.254.7.9/16', 'fd12:3456:789a:1::12/64']) {
      expect(redacted).toContain(kept);
    }
  });

  it('masks an interface id built from a hardware MAC (EUI-64), which would give the MAC back', () => {
    expect(redacted).toContain('inet6 fe80::x:x:x:x/64 scope link');
    expect(redacted).not.toMatch(/5054:ff:fe9a|94e1:57ff:fe0c/);
    // Docker's own MACs teach (02:42 + the IPv4 address), and so does the link-local made from one.
    expect(redactHostAddresses('inet6 fe80::42:acff:fe11:2/64 scope link')).toBe('inet6 fe80::42:acff:fe11:2/64 scope link');
  });

  it('masks CGNAT (100.64.0.0/10) addresses such as a tailnet’s, and Tailscale’s IPv6 twin', () => {
    expect(redacted).toContain('inet 100.101.x.x/32 scope global tailscale0');
    expect(redactHostAddresses('inet6 fd7a:115c:a1e0:ab12:4843:cd96:6265:6667/128 scope global')).toBe('inet6 fd7a:115c:x:x:x:x:x:x/128 scope global');
  });

  it('masks a MAC inside an interface name (enx…)', () => {
    expect(redactHostAddresses('3: enx00e04c680123: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500')).toBe('3: enxxxxxxxxxxxxx: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500');
  });

  it('leaves interface names, flags, MTUs and lifetimes untouched', () => {
    const structure = (text: string) => text.replace(/[0-9a-fx]{1,4}(?:[:.][0-9a-fx]{0,4})+/gi, '*');
    expect(structure(redacted).replace(/::\*/g, '*')).toBe(structure(HOST_IP_ADDR).replace(/::\*/g, '*'));
    expect(redacted).toContain('valid_lft 85938sec preferred_lft 85938sec');
  });

  it('masks the default gateway in ip route output', () => {
    expect(redactHostAddresses('default via 203.0.113.1 dev ens3 proto dhcp src 203.0.113.47 metric 100\n172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1')).toBe(
      'default via 203.0.x.x dev ens3 proto dhcp src 203.0.x.x metric 100\n172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1',
    );
  });

  it('can be switched off by the organiser', () => {
    expect(redactHostAddresses(HOST_IP_ADDR, { enabled: false })).toBe(HOST_IP_ADDR);
  });

  it('does not mistake version strings or times for addresses', () => {
    expect(redactHostAddresses('BusyBox v1.35.0.1.2 at 12:30:45')).toBe('BusyBox v1.35.0.1.2 at 12:30:45');
  });
});
