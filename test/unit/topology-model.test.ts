// The topology model comes from the run's own report: reports recorded from real runs on the
// engine (fixtures/topology/*-report.json, from `netlab demo <scenario> --json`) and small edits
// of them for the cases a real run rarely shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/docker/result.ts';
import { captionFor } from '../../src/demos/topology/caption.ts';
import { topologyOfRun } from '../../src/demos/topology/from-report.ts';
import { matchedPairs, type SwitchCable, type Topology } from '../../src/demos/topology/model.ts';

const report = (name: string): DemoResult => JSON.parse(readFileSync(new URL(`./fixtures/topology/${name}-report.json`, import.meta.url), 'utf8')) as DemoResult;
const switchCables = (t: Topology) => t.sections.flatMap((s) => s.cables.filter((c): c is SwitchCable => c.kind === 'to-switch'));
const iface = (t: Topology, ns: string, name: string) => t.sections.flatMap((s) => s.namespaces).find((n) => n.id === ns)?.interfaces.find((i) => i.name === name);

describe('the topology of a bridge run', () => {
  const bridge = report('bridge');
  const topology = topologyOfRun(bridge, { redact: true });

  it('plugs eth0 into docker0, and the host’s end names eth0 back by index', () => {
    const [cable] = switchCables(topology);
    const eth0 = iface(topology, 'demo-bridge', 'eth0')!;
    expect(cable).toMatchObject({ namespace: 'demo-bridge', iface: 'eth0', switchId: 'docker0', matched: true });
    expect(cable!.far!.index).toBe(eth0.peerIndex);
    expect(cable!.far!.peerIndex).toBe(eth0.index);
    expect(cable!.far!.name).toMatch(/^veth[0-9a-f]+$/);
  });

  it('shows docker0 with the address the host saw on it: the gateway', () => {
    const docker0 = topology.sections[0]!.switches[0]!;
    expect(docker0).toMatchObject({ id: 'docker0', kind: 'bridge', where: 'host' });
    expect(docker0.name).toMatch(/^\d+: docker0$/);
    expect(docker0.lines).toContain('172.17.0.1/16  gateway');
  });

  it('leaves the cable unmatched when the host’s entry at that index does not point back (a coincidence of indexes)', () => {
    const eth0Index = iface(topology, 'demo-bridge', 'eth0')!.index!;
    const hostSide = Object.fromEntries(Object.entries(bridge.hostSide!).map(([label, text]) => [label, text.replace(`@if${eth0Index}:`, `@if${eth0Index + 100}:`)]));
    const [cable] = switchCables(topologyOfRun({ ...bridge, hostSide }, { redact: true }));
    expect(cable).toMatchObject({ matched: false });
  });

  it('without a host view (SANDBOX_HOST_SCENARIO=false) names only the index of the other end, and the caption says why', () => {
    const { hostSide: _hostSide, ...withoutHost } = bridge;
    const unseen = topologyOfRun(withoutHost, { redact: true });
    expect(switchCables(unseen)[0]).toMatchObject({ far: undefined, matched: false });
    // 20.10's default bridge has no Gateway in its inspect data: the run's own default route names it.
    expect(unseen.sections[0]!.switches[0]!.lines).toContain('172.17.0.1/16  gateway');
    expect(captionFor(unseen).en).toContain('SANDBOX_HOST_SCENARIO=false');
    expect(captionFor(unseen).zh).toContain('SANDBOX_HOST_SCENARIO=false');
  });

  it('masks a public gateway from the engine as host output is masked, unless redaction is off', () => {
    const { hostSide: _hostSide, ...withoutHost } = bridge;
    const container = bridge.containers[0]!;
    const outputs = Object.fromEntries(Object.entries(container.outputs).map(([label, text]) => [label, text.replaceAll('172.17.0.', '203.0.113.').replace('/16', '/24')]));
    const publicBridge = { ...withoutHost, containers: [{ ...container, outputs }], networks: [{ ...bridge.networks![0]!, subnets: [{ subnet: '203.0.113.0/24', gateway: '203.0.113.1' }] }] };
    expect(topologyOfRun(publicBridge, { redact: true }).sections[0]!.switches[0]!.lines).toContain('203.0.x.x/24  gateway');
    expect(topologyOfRun(publicBridge, { redact: false }).sections[0]!.switches[0]!.lines).toContain('203.0.113.1/24  gateway');
  });
});

describe('the topology of a p2p run', () => {
  const topology = topologyOfRun(report('p2p'), { redact: true });

  it('joins the two namespaces with one direct cable whose ends name each other by index', () => {
    expect(topology.sections).toHaveLength(1);
    const [cable] = topology.sections[0]!.cables;
    expect(cable).toMatchObject({ kind: 'direct', from: { namespace: 'demo-p2p-a', iface: 'veth0' }, to: { namespace: 'demo-p2p-b', iface: 'veth1' }, matched: true });
    const [a, b] = [iface(topology, 'demo-p2p-a', 'veth0')!, iface(topology, 'demo-p2p-b', 'veth1')!];
    expect([a.peerIndex, b.peerIndex]).toEqual([b.index, a.index]);
    expect([a.addresses, b.addresses]).toEqual([['10.99.0.1/32'], ['10.99.0.2/32']]);
  });

  it('has no switch: no bridge, no host', () => {
    expect(topology.sections[0]!.switches).toEqual([]);
  });
});

describe('the topology of a dns run', () => {
  const topology = topologyOfRun(report('dns'), { redact: true });

  it('draws its two networks apart: the default bridge and the user-defined one, two containers each, every cable matched', () => {
    expect(topology.sections.map((s) => [s.namespaces.map((n) => n.id), s.switches.map((w) => w.id.replace(/^br-[0-9a-f]{12}$/, 'br-…'))])).toEqual([
      [['demo-default-a', 'demo-default-b'], ['docker0']],
      [['demo-a', 'demo-b'], ['br-…']],
    ]);
    expect(switchCables(topology).map((c) => c.matched)).toEqual([true, true, true, true]);
    expect(matchedPairs(topology)).toHaveLength(4);
  });
});

describe('container mode and the ASCII labels', () => {
  const base = report('bridge');
  const container = base.containers[0]!;
  const shared: DemoResult = {
    ...base,
    scenario: 'container',
    containers: [
      { ...container, name: 'demo-target' },
      { ...container, name: 'demo-joined', networkMode: 'container:demo-target' },
    ],
  };

  it('draws one namespace for both containers', () => {
    const namespaces = topologyOfRun(shared, { redact: true }).sections.flatMap((s) => s.namespaces);
    expect(namespaces).toHaveLength(1);
    expect(namespaces[0]).toMatchObject({ title: 'demo-target + demo-joined', subtitle: 'demo-joined: --network container:demo-target' });
  });
});
