// The topology picture's model from real runs on the engine: the bridge's veth ends, seen from
// the container and from the host, name each other by index; p2p's link joins its two namespaces.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/demos/run-demo.ts';
import { topologyOfRun } from '../../src/demos/topology/from-report.ts';
import type { SwitchCable } from '../../src/demos/topology/model.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { createSandbox, type EngineSandbox } from '../../src/docker/sandbox.ts';
import { silentLogger } from '../../src/log.ts';
import { dockerHost, expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
let sandbox: EngineSandbox;

beforeAll(async () => {
  engine = await requireEngine();
  sandbox = createSandbox({ config: testConfig(), dockerHost, logger: silentLogger() });
  expect((await sandbox.start()).engine.ok).toBe(true);
});
afterEach(async () => {
  await sandbox.idle();
  await expectNoManagedResources(engine);
});
afterAll(async () => sandbox?.shutdown());

describe('the topology of real runs', () => {
  it('bridge: eth0’s @if is the host end’s index on docker0, and the host end’s @if is eth0’s index', async () => {
    const report = await runScenario(sandbox, 'bridge', { userId: 'it' });
    const topology = topologyOfRun(report, { redact: true });
    const [section] = topology.sections;
    const eth0 = section!.namespaces[0]!.interfaces.find((i) => i.name === 'eth0')!;
    const cable = section!.cables[0] as SwitchCable;
    expect(cable).toMatchObject({ kind: 'to-switch', namespace: 'demo-bridge', iface: 'eth0', switchId: 'docker0', matched: true });
    expect(cable.far!.index).toBe(eth0.peerIndex);
    expect(cable.far!.peerIndex).toBe(eth0.index);
    // The host end is really on docker0, as the host listed it.
    expect(report.hostSide!["ip -o link | grep 'master docker0 '"]).toMatch(new RegExp(`^${cable.far!.index}: ${cable.far!.name}@if${eth0.index}: .* master docker0 `, 'm'));
    const gateway = /^default via (\S+)/m.exec(report.containers[0]!.outputs['ip route']!)![1]!;
    expect(section!.switches[0]!.lines.some((l) => l.startsWith(`${gateway}/`))).toBe(true);
  });

  it('p2p: one veth pair joins the two namespaces, each end naming the other by index', async () => {
    const report = await runScenario(sandbox, 'p2p', { userId: 'it' });
    const topology = topologyOfRun(report, { redact: true });
    expect(topology.sections).toHaveLength(1);
    const [section] = topology.sections;
    expect(section!.cables).toEqual([{ kind: 'direct', from: { namespace: 'demo-p2p-a', iface: 'veth0' }, to: { namespace: 'demo-p2p-b', iface: 'veth1' }, label: 'veth pair', matched: true }]);
    const [a, b] = section!.namespaces.map((n) => n.interfaces.find((i) => i.name.startsWith('veth'))!);
    expect([a!.peerIndex, b!.peerIndex]).toEqual([b!.index, a!.index]);
    expect(section!.switches).toEqual([]);
  });
});
