/**
 * A demo run's topology, built from that run alone: each container's recorded `ip addr`, the
 * host's view of the bridges and their veth ends (the report's hostSide), and what the engine
 * said about the networks (the report's networks). Outputs are read as recorded, so addresses
 * are redacted exactly as the text members read; engine facts go through the same redaction.
 */
import { redactHostAddresses } from '../../docker/redact.ts';
import type { DemoContainerResult, DemoNetworkFacts, DemoResult } from '../../docker/result.ts';
import { ipv4InSubnet, parseIpAddr, type IpInterface } from '../ip-parse.ts';
import type { CableEnd, Topology, TopologyCable, TopologyInterface, TopologyNamespace, TopologySection, TopologySwitch } from './model.ts';

export interface TopologyOptions {
  /** SANDBOX_REDACT_HOST: masks public addresses in engine facts as redact.ts does in the text. */
  readonly redact: boolean;
}

const isIpAddrLabel = (label: string) => label === 'ip addr' || label.startsWith('ip addr show dev ') || label.startsWith('ip -o link');

/** Every interface the outputs show, once each (a later, fuller listing wins). */
function interfacesIn(outputs: Readonly<Record<string, string>>): IpInterface[] {
  const byKey = new Map<string, IpInterface>();
  for (const [label, text] of Object.entries(outputs)) {
    if (!isIpAddrLabel(label)) continue;
    for (const i of parseIpAddr(text)) byKey.set(`${i.index}:${i.name}`, i);
  }
  return [...byKey.values()].sort((a, b) => a.index - b.index);
}

const toInterface = (i: IpInterface): TopologyInterface => ({
  name: i.name,
  index: i.index,
  ...(i.peerIndex !== undefined ? { peerIndex: i.peerIndex } : {}),
  ...(i.name !== 'lo' ? { mtu: i.mtu } : {}),
  addresses: i.addresses.filter((a) => a.family === 'inet').map((a) => a.cidr),
});

const isVeth = (i: IpInterface) => i.peerIndex !== undefined || /^veth/.test(i.name);

/** Container mode's joiners share their target's box; host mode's box is the host's own. */
function namespacesOf(containers: readonly DemoContainerResult[]): TopologyNamespace[] {
  const namespaces: TopologyNamespace[] = [];
  for (const c of containers) {
    const joined = /^container:(.+)$/.exec(c.networkMode)?.[1];
    const target = joined === undefined ? undefined : namespaces.findIndex((n) => n.id === joined);
    if (target !== undefined && target >= 0) {
      const shared = namespaces[target]!;
      namespaces[target] = { ...shared, title: `${shared.title} + ${c.name}`, subtitle: `${c.name}: --network ${c.networkMode}` };
      continue;
    }
    const interfaces = interfacesIn(c.outputs);
    if (c.networkMode === 'host') {
      const veths = interfaces.filter(isVeth).length;
      namespaces.push({
        id: c.name,
        title: 'host',
        subtitle: `${c.name}: --network host`,
        interfaces: interfaces.filter((i) => !isVeth(i)).map(toInterface),
        ...(veths > 0 ? { note: `+ ${veths} veth ends (containers' cables)` } : {}),
      });
      continue;
    }
    const onlyLo = interfaces.length === 1 && interfaces[0]?.name === 'lo';
    namespaces.push({ id: c.name, title: c.name, subtitle: `--network ${c.networkMode}`, interfaces: interfaces.map(toInterface), ...(onlyLo ? { note: 'nothing else: no way in or out' } : {}) });
  }
  return namespaces;
}

const ipv4Subnet = (facts: DemoNetworkFacts) => facts.subnets.find((s) => s.subnet.includes('.'));

/** Where the containers' `ip route` sends everything else: `default via 172.17.0.1`. */
function defaultGateways(containers: readonly DemoContainerResult[]): string[] {
  return containers.flatMap((c) => [...(c.outputs['ip route'] ?? '').matchAll(/^default via (\S+)/gm)].map((m) => m[1]!));
}

/**
 * The gateway with the subnet's prefix, as `ip addr` would show it on the bridge: 172.17.0.1/16.
 * The engine may not say (20.10's default bridge has no Gateway in its IPAM config); then the
 * run's own default route inside the subnet does.
 */
function gatewayCidr(facts: DemoNetworkFacts, routes: readonly string[]): string | undefined {
  const subnet = ipv4Subnet(facts);
  if (!subnet) return undefined;
  const gateway = subnet.gateway ?? routes.find((r) => ipv4InSubnet(r, subnet.subnet));
  return gateway ? `${gateway}/${subnet.subnet.split('/')[1]}` : undefined;
}

function switchOf(facts: DemoNetworkFacts, host: readonly IpInterface[], routes: readonly string[], redact: (text: string) => string): TopologySwitch | undefined {
  if (facts.driver === 'bridge' && facts.bridge) {
    const seen = host.find((i) => i.name === facts.bridge && i.peerIndex === undefined);
    const address = seen?.addresses.find((a) => a.family === 'inet')?.cidr ?? gatewayCidr(facts, routes);
    return {
      id: facts.bridge,
      kind: 'bridge',
      where: 'host',
      name: seen ? `${seen.index}: ${seen.name}` : facts.bridge,
      ...(seen ? { index: seen.index } : {}),
      lines: [`bridge of network "${facts.shownAs}"`, ...(address ? [`${redact(address)}  gateway`] : []), ...(seen ? [`mtu ${seen.mtu}`] : [])],
    };
  }
  if (facts.driver === 'overlay') {
    const vxlan = facts.options['com.docker.network.driver.overlay.vxlanid_list'];
    const gateway = gatewayCidr(facts, routes);
    return {
      id: `overlay:${facts.shownAs}`,
      kind: 'overlay',
      where: 'overlay network namespace',
      name: `overlay "${facts.shownAs}"`,
      lines: [...(gateway ? [`${redact(gateway)}  gateway`] : []), `VXLAN${vxlan ? ` id ${vxlan}` : ''}, UDP 4789`, 'to the other swarm nodes'],
    };
  }
  return undefined;
}

/** Cables from interfaces to the switch whose subnet holds their address, matched with the host's ends by index. */
function switchCables(namespaces: readonly TopologyNamespace[], networks: readonly DemoNetworkFacts[], switches: readonly TopologySwitch[], host: readonly IpInterface[]): TopologyCable[] {
  const cables: TopologyCable[] = [];
  for (const ns of namespaces) {
    for (const iface of ns.interfaces) {
      const address = iface.addresses[0]?.split('/')[0];
      if (iface.peerIndex === undefined || !address) continue;
      const network = networks.find((n) => {
        const subnet = ipv4Subnet(n)?.subnet;
        return subnet !== undefined && ipv4InSubnet(address, subnet);
      });
      const sw = network && switches.find((s) => s.id === (network.bridge ?? `overlay:${network.shownAs}`));
      if (!sw) continue;
      const port = sw.kind === 'bridge' ? host.find((p) => p.index === iface.peerIndex && p.master === sw.id) : undefined;
      const far: CableEnd | undefined = port ? { name: port.name, index: port.index, peerIndex: port.peerIndex } : undefined;
      cables.push({ kind: 'to-switch', namespace: ns.id, iface: iface.name, switchId: sw.id, far, matched: far !== undefined && far.peerIndex === iface.index });
    }
  }
  return cables;
}

/** veth pairs straight between two namespaces: each end's @if is the other end's index. */
function directCables(namespaces: readonly TopologyNamespace[], taken: ReadonlySet<string>): TopologyCable[] {
  const cables: TopologyCable[] = [];
  namespaces.forEach((a, i) => {
    for (const b of namespaces.slice(i + 1)) {
      for (const x of a.interfaces) {
        if (x.peerIndex === undefined || taken.has(`${a.id}/${x.name}`)) continue;
        const y = b.interfaces.find((candidate) => candidate.index === x.peerIndex && candidate.peerIndex === x.index);
        if (y) cables.push({ kind: 'direct', from: { namespace: a.id, iface: x.name }, to: { namespace: b.id, iface: y.name }, label: 'veth pair', matched: true });
      }
    }
  });
  return cables;
}

/** Namespaces joined by a cable or a shared switch are drawn together; the rest alone. */
function sectionsOf(namespaces: readonly TopologyNamespace[], switches: readonly TopologySwitch[], cables: readonly TopologyCable[]): TopologySection[] {
  const group = new Map<string, number>(namespaces.map((n, i) => [n.id, i]));
  const merge = (a: string, b: string) => {
    const [ga, gb] = [group.get(a)!, group.get(b)!];
    for (const [key, value] of group) if (value === gb) group.set(key, ga);
  };
  const switchOwner = new Map<string, string>();
  for (const cable of cables) {
    if (cable.kind === 'direct') merge(cable.from.namespace, cable.to.namespace);
    else if (switchOwner.has(cable.switchId)) merge(switchOwner.get(cable.switchId)!, cable.namespace);
    else switchOwner.set(cable.switchId, cable.namespace);
  }
  const order = [...new Set(namespaces.map((n) => group.get(n.id)!))];
  return order.map((g) => {
    const members = namespaces.filter((n) => group.get(n.id) === g);
    const ids = new Set(members.map((n) => n.id));
    const own = cables.filter((c) => (c.kind === 'direct' ? ids.has(c.from.namespace) : ids.has(c.namespace)));
    const used = new Set(own.flatMap((c) => (c.kind === 'to-switch' ? [c.switchId] : [])));
    return { namespaces: members, switches: switches.filter((s) => used.has(s.id)), cables: own };
  });
}

/** `docker network ls` drawn as one box per network, one under the other (the `networks` scenario has no containers). */
function networkTableSections(table: string): TopologySection[] {
  const NOTES: Readonly<Record<string, string>> = { bridge: 'veth ends plug into docker0', host: "the host's own interfaces", null: 'only lo' };
  const rows = table.split('\n').slice(1).map((line) => line.trim().split(/\s+/)).filter((cells) => cells.length >= 4);
  const namespaces = rows.slice(0, 6).map(([, name = '', driver = '', scope = '']): TopologyNamespace => ({
    id: name,
    title: name,
    subtitle: `driver ${driver}, ${scope}`,
    interfaces: [],
    ...(NOTES[driver] && ['bridge', 'host', 'none'].includes(name) ? { note: NOTES[driver] } : {}),
  }));
  return namespaces.map((ns) => ({ namespaces: [ns], switches: [], cables: [] }));
}

export function topologyOfRun(report: DemoResult, options: TopologyOptions): Topology {
  const redact = (text: string) => redactHostAddresses(text, { enabled: options.redact });
  const title = `${report.scenario}: demo run ${report.runId}`;
  const table = report.outputs?.['docker network ls'];
  if (report.containers.length === 0 && table) return { title, sections: networkTableSections(table) };
  const host = interfacesIn(report.hostSide ?? {});
  const networks = report.networks ?? [];
  const namespaces = namespacesOf(report.containers);
  const routes = defaultGateways(report.containers);
  const switches = networks.flatMap((n) => switchOf(n, host, routes, redact) ?? []);
  const toSwitches = switchCables(namespaces, networks, switches, host);
  const direct = directCables(namespaces, new Set(toSwitches.map((c) => (c.kind === 'to-switch' ? `${c.namespace}/${c.iface}` : ''))));
  return { title, sections: sectionsOf(namespaces, switches, [...toSwitches, ...direct]) };
}
