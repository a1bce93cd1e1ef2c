import { describe, expect, it } from 'vitest';
import { DISCORD } from '../../src/limits.ts';
import { annotateDemo, explainIpAddr, explainIpRoute } from '../../src/demos/explain.ts';
import { interfaceFingerprint, ipv4InSubnet, packetLossPercent, parseIpAddr, resolvedAddresses } from '../../src/demos/ip-parse.ts';
import { presentDemo, presentNetworks } from '../../src/demos/present.ts';
import type { DemoReport } from '../../src/demos/run-demo.ts';

const BRIDGE_IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
66: eth0@if67: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue
    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
       valid_lft forever preferred_lft forever
`;
const OVERLAY_IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
45: eth0@if46: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue
    link/ether 02:42:0a:00:01:02 brd ff:ff:ff:ff:ff:ff
    inet 10.0.1.2/24 brd 10.0.1.255 scope global eth0
48: eth1@if49: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue
    link/ether 02:42:ac:12:00:02 brd ff:ff:ff:ff:ff:ff
    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth1
`;

function result(over: Partial<DemoReport> = {}): DemoReport {
  const containers = [{ name: 'demo-bridge', role: 'bridge', networkMode: 'bridge', outputs: { 'ip addr': BRIDGE_IP_ADDR, 'ip route': 'default via 172.17.0.1 dev eth0\n172.17.0.0/16 dev eth0 scope link  src 172.17.0.2\n' } }];
  return {
    scenario: 'bridge',
    runId: 'abc123def0',
    containers,
    checks: { eth0InDefaultSubnet: true, defaultSubnet: '172.17.0.0/16' },
    annotations: annotateDemo('bridge', containers),
    timingsMs: { queue: 0, create: 412, run: 96, total: 690 },
    truncated: false,
    warmContainers: 0,
    ...over,
  };
}

describe('parsing the fixed commands’ output', () => {
  it('reads interfaces, veth peers, MTUs and addresses from busybox ip addr', () => {
    const [lo, eth0] = parseIpAddr(BRIDGE_IP_ADDR);
    expect(lo).toMatchObject({ name: 'lo', mtu: 65536, linkType: 'loopback', addresses: [{ cidr: '127.0.0.1/8', scope: 'host' }] });
    expect(eth0).toMatchObject({ index: 66, name: 'eth0', peerIndex: 67, mtu: 1500, mac: '02:42:ac:11:00:02', addresses: [{ family: 'inet', cidr: '172.17.0.2/16', scope: 'global' }] });
    // The fingerprint ignores lifetimes but not addresses: container mode compares two namespaces with it.
    expect(interfaceFingerprint(parseIpAddr(BRIDGE_IP_ADDR.replace(/\n\s+valid_lft.*$/gm, '')))).toBe(interfaceFingerprint(parseIpAddr(BRIDGE_IP_ADDR)));
    expect(interfaceFingerprint(parseIpAddr(BRIDGE_IP_ADDR.replace('172.17.0.2/16', '172.17.0.3/16')))).not.toBe(interfaceFingerprint(parseIpAddr(BRIDGE_IP_ADDR)));
  });

  it('reads subnets, packet loss and nslookup answers', () => {
    expect(ipv4InSubnet('172.17.0.2', '172.17.0.0/16')).toBe(true);
    expect(ipv4InSubnet('172.18.0.2', '172.17.0.0/16')).toBe(false);
    expect(packetLossPercent('3 packets transmitted, 3 packets received, 0% packet loss')).toBe(0);
    expect(resolvedAddresses('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tdemo-b\nAddress: 172.19.0.3\n', 'demo-b')).toEqual(['172.19.0.3']);
  });
});

describe('explanations', () => {
  it('explains lo, the veth peer, the Docker MAC and the scope, in both languages', () => {
    const kinds = explainIpAddr(BRIDGE_IP_ADDR, 'bridge').map((e) => e.kind);
    expect(kinds).toEqual(['lo', 'veth', 'docker-mac', 'scope-global']);
    const veth = explainIpAddr(BRIDGE_IP_ADDR, 'bridge')[1]!;
    expect(veth.text.en).toContain('interface 67');
    expect(veth.text.zh).toContain('67 号接口');
  });

  it('explains the overlay’s MTU 1450 and docker_gwbridge', () => {
    const kinds = explainIpAddr(OVERLAY_IP_ADDR, 'overlay').map((e) => e.kind);
    expect(kinds).toContain('mtu-vxlan');
    expect(kinds).toContain('gwbridge');
  });

  it('explains routes, and an empty routing table', () => {
    expect(explainIpRoute('default via 172.17.0.1 dev eth0')[0]!.kind).toBe('route-default');
    expect(explainIpRoute('')[0]!.kind).toBe('no-routes');
  });
});

describe('presenting a demo', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`shows the output, 2–6 explanations, ✅ checks and timings (${lang})`, () => {
      const answer = presentDemo(result(), lang);
      expect(answer.body).toContain('```\n$ ip addr\n1: lo:');
      expect(answer.body).toContain('**demo-bridge** · `--network bridge`');
      const bullets = answer.body.split('\n').filter((l) => /^(💡|•) /.test(l));
      expect(bullets.length).toBeGreaterThanOrEqual(2);
      expect(bullets.length).toBeLessThanOrEqual(6);
      expect(answer.fields?.[0]?.value).toMatch(/^✅ .*172\.17\.0\.0\/16/);
      expect(answer.footer).toContain('690 ms');
      expect(answer.tone).toBe('ok');
      expect(answer.links).toEqual([{ label: expect.any(String), topicId: 'mode-bridge-default' }]);
      expect(answer.body.length).toBeLessThanOrEqual(DISCORD.embedDescriptionMax);
    });
  }

  it('moves long output into an attachment with a short excerpt inline', () => {
    const long = Array.from({ length: 200 }, (_, i) => `${i + 2}: veth${i}@if${i + 300}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue`).join('\n');
    const answer = presentDemo(result({ containers: [{ name: 'demo-host', role: 'host', networkMode: 'host', outputs: { 'ip addr': long } }], scenario: 'host', checks: {} }), 'en');
    expect(answer.attachments).toEqual([{ name: 'demo-host-ip-addr.txt', content: `$ ip addr\n${long}` }]);
    expect(answer.body).toContain('full output in `demo-host-ip-addr.txt`');
    expect(answer.body.length).toBeLessThan(DISCORD.embedDescriptionMax);
  });

  it('keeps many medium outputs within one embed by excerpting the largest', () => {
    const medium = BRIDGE_IP_ADDR.repeat(3);
    const containers = Array.from({ length: 6 }, (_, i) => ({ name: `demo-${i}`, role: 'x', networkMode: 'bridge', outputs: { 'ip addr': medium } }));
    const answer = presentDemo(result({ containers }), 'zh');
    expect(answer.body.length).toBeLessThanOrEqual(4_000);
    expect(answer.attachments?.length).toBeGreaterThan(0);
  });

  it('flags a failed check and truncated output', () => {
    const answer = presentDemo(result({ checks: { eth0InDefaultSubnet: false, defaultSubnet: '172.17.0.0/16' }, truncated: true }), 'en');
    expect(answer.tone).toBe('warn');
    expect(answer.fields?.[0]?.value).toMatch(/^❌/);
    expect(answer.body).toContain('cut off at the source');
  });

  it('lists networks like docker network ls, explained, and names the engine they are on', () => {
    const answer = presentNetworks(
      {
        engine: 'sandbox:2376',
        networks: [
          { id: '1635620f5197aaaa', name: 'bridge', driver: 'bridge', scope: 'local', labels: {}, subnets: [] },
          { id: '5585fb6e8550aaaa', name: 'host', driver: 'host', scope: 'local', labels: {}, subnets: [] },
          { id: 'aaff7e2731b4aaaa', name: 'none', driver: 'null', scope: 'local', labels: {}, subnets: [] },
        ],
      },
      'zh',
    );
    expect(answer.body).toContain('NETWORK ID     NAME     DRIVER   SCOPE\n1635620f5197   bridge   bridge   local');
    expect(answer.body).toContain('`none`（驱动是 `null`）');
    expect(answer.footer).toBe('引擎 sandbox:2376 · 共 3 个网络');
  });
});
