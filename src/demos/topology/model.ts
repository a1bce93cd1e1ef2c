/**
 * The topology picture's model: what a demo run's network looked like, as plain data. It is
 * built from the run's own output (from-report.ts) or fixed for /modes (modes.ts), and drawn by
 * one layout (layout.ts) as SVG, PNG and ASCII. Every label is ASCII: names, indexes, addresses.
 */

/** An interface as its namespace box lists it: `2618: eth0@if2619`, its IPv4 addresses, its MTU. */
export interface TopologyInterface {
  readonly name: string;
  readonly index?: number;
  /** `@if2619`: the index of the other end of its veth pair, in another namespace. */
  readonly peerIndex?: number;
  readonly mtu?: number;
  readonly addresses: readonly string[];
}

/** A network namespace: one container's, several containers' (container mode), or the host's. */
export interface TopologyNamespace {
  readonly id: string;
  /** Who lives in it: container names, or "host". */
  readonly title: string;
  /** How they got there, e.g. `--network bridge`. */
  readonly subtitle?: string;
  readonly interfaces: readonly TopologyInterface[];
  /** One line after the interfaces, e.g. "no routes, no way out". */
  readonly note?: string;
}

/** What cables plug into: a bridge on the host, an overlay network's own namespace, a host NIC. */
export interface TopologySwitch {
  readonly id: string;
  readonly kind: 'bridge' | 'overlay' | 'nic';
  /** The namespace it lives in, as drawn around it: "host" or "overlay network namespace". */
  readonly where: string;
  /** `5: docker0`, `br-1a2b3c4d5e6f`, the overlay network's name. */
  readonly name: string;
  readonly index?: number;
  /** What it carries, one fact a line: "172.17.0.1/16 gateway", "mtu 1500", "VXLAN id 4097". */
  readonly lines: readonly string[];
}

/** The far end of a veth pair as the host's own view showed it. */
export interface CableEnd {
  readonly name: string;
  readonly index: number;
  readonly peerIndex: number | undefined;
}

/** A namespace's interface plugged into a switch; `far` is the host's end of the veth pair. */
export interface SwitchCable {
  readonly kind: 'to-switch';
  readonly namespace: string;
  readonly iface: string;
  readonly switchId: string;
  /** The host's end, found by index; undefined when the host side was not looked at or not found. */
  readonly far: CableEnd | undefined;
  /** Both ends name each other: the far end's index is the interface's @if, and its @if the interface's index. */
  readonly matched: boolean;
}

/** A veth pair straight between two namespaces (p2p). */
export interface DirectCable {
  readonly kind: 'direct';
  readonly from: { readonly namespace: string; readonly iface: string };
  readonly to: { readonly namespace: string; readonly iface: string };
  readonly label: string;
  readonly matched: boolean;
}

export type TopologyCable = SwitchCable | DirectCable;

/** Namespaces and what they plug into, drawn as one block: namespaces above, switches below. */
export interface TopologySection {
  readonly namespaces: readonly TopologyNamespace[];
  readonly switches: readonly TopologySwitch[];
  readonly cables: readonly TopologyCable[];
}

export interface Topology {
  /** The picture's heading, e.g. "bridge: demo run 1a2b3c4d5e". */
  readonly title: string;
  readonly sections: readonly TopologySection[];
}

/** How ip prints an interface header: `2618: eth0@if2619` (without index: `eth0`). */
export function interfaceLabel(i: Pick<TopologyInterface, 'name' | 'index' | 'peerIndex'>): string {
  const name = i.peerIndex === undefined ? i.name : `${i.name}@if${i.peerIndex}`;
  return i.index === undefined ? name : `${i.index}: ${name}`;
}

/** Every veth pair in the picture whose two ends were both seen, with both labels. */
export function matchedPairs(topology: Topology): { readonly near: string; readonly far: string }[] {
  const pairs: { near: string; far: string }[] = [];
  for (const section of topology.sections) {
    const ifaceOf = (ns: string, name: string) => section.namespaces.find((n) => n.id === ns)?.interfaces.find((i) => i.name === name);
    for (const cable of section.cables) {
      if (!cable.matched) continue;
      if (cable.kind === 'to-switch') {
        const near = ifaceOf(cable.namespace, cable.iface);
        if (near && cable.far) pairs.push({ near: interfaceLabel(near), far: interfaceLabel({ name: cable.far.name, index: cable.far.index, peerIndex: cable.far.peerIndex }) });
      } else {
        const a = ifaceOf(cable.from.namespace, cable.from.iface);
        const b = ifaceOf(cable.to.namespace, cable.to.iface);
        if (a && b) pairs.push({ near: interfaceLabel(a), far: interfaceLabel(b) });
      }
    }
  }
  return pairs;
}
