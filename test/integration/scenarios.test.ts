import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { runScenario } from '../../src/demos/run-demo.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { createSandbox, type EngineSandbox } from '../../src/docker/sandbox.ts';
import { ipv4InSubnet, ipv4Of, parseIpAddr, resolvedAddresses } from '../../src/demos/ip-parse.ts';
import { dockerHost, expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
let sandbox: EngineSandbox;

beforeAll(async () => {
  engine = await requireEngine();
  sandbox = createSandbox({ config: testConfig(), dockerHost, logger: silentLogger() });
  const status = await sandbox.start();
  expect(status.engine.ok).toBe(true);
});
afterEach(async () => {
  await sandbox.idle(); // a demo answers before its cleanup ends
  await expectNoManagedResources(engine);
});
afterAll(async () => sandbox?.shutdown());

const interfacesOf = (text: string | undefined) => parseIpAddr(text ?? '');

describe('demo scenarios on the real engine', () => {
  it('none mode shows only lo and no routes', async () => {
    const result = await runScenario(sandbox, 'none', { userId: 'it' });
    const [box] = result.containers;
    expect(box).toMatchObject({ name: 'demo-none', networkMode: 'none' });
    expect(interfacesOf(box!.outputs['ip addr']).map((i) => i.name)).toEqual(['lo']);
    expect(box!.outputs['ip route']).toBe('');
    expect(result.checks).toEqual({ onlyLo: true });
  });

  it('bridge mode gives eth0 an address in the default bridge’s subnet (read from the engine)', async () => {
    const subnet = (await engine.inspectNetwork('bridge')).subnets.find((s) => s.subnet.includes('.'))!.subnet;
    const result = await runScenario(sandbox, 'bridge', { userId: 'it' });
    const eth0 = interfacesOf(result.containers[0]!.outputs['ip addr']).find((i) => i.name === 'eth0');
    expect(eth0?.peerIndex).toBeGreaterThan(0);
    expect(ipv4InSubnet(ipv4Of(eth0)!, subnet)).toBe(true);
    expect(result.containers[0]!.outputs['ip route']).toMatch(/^default via \S+ dev eth0/);
    expect(result.checks).toEqual({ eth0InDefaultSubnet: true, defaultSubnet: subnet });
  });

  it('host mode shows the host’s interfaces with hardware MACs masked', async () => {
    const result = await runScenario(sandbox, 'host', { userId: 'it' });
    const text = result.containers[0]!.outputs['ip addr']!;
    const names = parseIpAddr(text).map((i) => i.name);
    expect(names).toContain('lo');
    expect(names).toContain('docker0');
    for (const mac of text.match(/link\/ether (\S+)/g) ?? []) expect(mac).toMatch(/link\/ether (xx:xx:xx:xx:xx:xx|02:42:)/);
    expect(result.checks).toMatchObject({ seesHostInterfaces: true, redacted: true });
  });

  it('container mode shows identical interfaces and addresses in both containers', async () => {
    const result = await runScenario(sandbox, 'container', { userId: 'it' });
    const [target, joined] = result.containers;
    expect(target).toMatchObject({ name: 'demo-target', networkMode: 'bridge' });
    expect(joined).toMatchObject({ name: 'demo-joined', networkMode: 'container:demo-target' });
    const a = interfacesOf(target!.outputs['ip addr']);
    const b = interfacesOf(joined!.outputs['ip addr']);
    expect(b.map((i) => [i.name, i.mac, i.addresses.map((x) => x.cidr)])).toEqual(a.map((i) => [i.name, i.mac, i.addresses.map((x) => x.cidr)]));
    expect(a.map((i) => i.name)).toEqual(['lo', 'eth0']);
    expect(result.checks).toEqual({ identicalInterfaces: true });
  });

  it('user-defined bridge: the peer’s name resolves to its address through 127.0.0.11, and the network is removed', async () => {
    const result = await runScenario(sandbox, 'user-bridge', { userId: 'it' });
    const [a, b] = result.containers;
    expect(a).toMatchObject({ name: 'demo-a', networkMode: 'demo-net' });
    const lookup = a!.outputs['nslookup demo-b 127.0.0.11']!;
    expect(lookup).toContain('127.0.0.11');
    expect(resolvedAddresses(lookup, 'demo-b')).toEqual([ipv4Of(interfacesOf(b!.outputs['ip addr']).find((i) => i.name === 'eth0'))]);
    expect(result.checks).toEqual({ nameResolvesToPeer: true });
  });

  it('dns: the default bridge cannot resolve a peer by name (nothing at 127.0.0.11); a user-defined network resolves it through the embedded DNS', async () => {
    const result = await runScenario(sandbox, 'dns', { userId: 'it' });
    const [defaultA, defaultB, a, b] = result.containers;
    expect(result.containers.map((c) => [c.name, c.networkMode])).toEqual([
      ['demo-default-a', 'bridge'],
      ['demo-default-b', 'bridge'],
      ['demo-a', 'demo-net'],
      ['demo-b', 'demo-net'],
    ]);
    const [defaultConf, defaultLookup] = Object.entries(defaultA!.outputs);
    expect(defaultConf![0]).toBe('cat /etc/resolv.conf');
    expect(defaultConf![1]).not.toContain('127.0.0.11');
    expect(defaultLookup![0]).toMatch(/^timeout 1 nslookup netlab-[0-9a-f]+-(default-b|bridge) 127\.0\.0\.11$/); // the peer's real name on the engine
    expect(defaultLookup![1]).toMatch(/Connection refused|no servers could be reached/);
    expect(defaultB!.outputs['ip addr show dev eth0']).toMatch(/inet 172\.17\./);
    expect(a!.outputs['cat /etc/resolv.conf']).toMatch(/^nameserver 127\.0\.0\.11$/m);
    const peer = /inet (\S+)\//.exec(b!.outputs['ip addr show dev eth0'] ?? '')?.[1];
    expect(resolvedAddresses(a!.outputs['nslookup demo-b 127.0.0.11'] ?? '', 'demo-b')).toEqual([peer]);
    expect(result.checks).toEqual({ defaultBridgeCannotResolve: true, defaultBridgeNameserver: expect.not.stringMatching(/^127\.0\.0\.11$/), userNetworkNameserver: '127.0.0.11', userNetworkResolvesPeer: true });
    expect(result.annotations.map((x) => x.kind)).toEqual(expect.arrayContaining(['embedded-dns', 'host-resolver', 'dns-refused']));
  });

  it('p2p: two none containers joined by a veth pair ping with 0% loss; each side has only lo and its veth end', async () => {
    const result = await runScenario(sandbox, 'p2p', { userId: 'it' });
    const [a, b] = result.containers;
    expect(interfacesOf(a!.outputs['ip addr']).map((i) => [i.name, i.addresses.find((x) => x.family === 'inet')?.cidr])).toEqual([
      ['lo', '127.0.0.1/8'],
      ['veth0', '10.99.0.1/32'],
    ]);
    expect(interfacesOf(b!.outputs['ip addr']).map((i) => i.name)).toEqual(['lo', 'veth1']);
    expect(b!.outputs['ping -c 3 -i 0.2 -W 1 10.99.0.1']).toContain('3 packets transmitted, 3 packets received, 0% packet loss');
    expect(result.checks).toEqual({ packetLoss: 0, eachSideOnlyLoAndVeth: true });
  });

  it('networks: bridge, host and none with drivers bridge, host and null', async () => {
    const result = await runScenario(sandbox, 'networks', { userId: 'it' });
    const table = result.outputs!['docker network ls']!;
    expect(table.split('\n')[0]).toMatch(/^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE$/);
    for (const [name, driver] of [['bridge', 'bridge'], ['host', 'host'], ['none', 'null']]) expect(table).toMatch(new RegExp(`^[0-9a-f]{12}\\s+${name}\\s+${driver}\\s+local$`, 'm'));
    expect(result.checks).toEqual({ bridgeDriverBridge: true, hostDriverHost: true, noneDriverNull: true });
    expect(result.containers).toEqual([]);
  });
});
