/**
 * One fixed topology per network mode, for /modes: the same model and renderer as a demo run's
 * picture, with example names and addresses (a demo shows the real ones). Keyed by the mode's
 * library topic.
 */
import type { Topology, TopologyCable, TopologyNamespace, TopologySwitch } from './model.ts';

const lo = { name: 'lo', index: 1, addresses: ['127.0.0.1/8'] } as const;
const eth0 = (index: number, peerIndex: number, address: string, mtu = 1500) => ({ name: 'eth0', index, peerIndex, mtu, addresses: [address] });

const docker0: TopologySwitch = { id: 'docker0', kind: 'bridge', where: 'host', name: '3: docker0', index: 3, lines: ['the default bridge', '172.17.0.1/16  gateway', 'NAT to the outside'] };

/** A cable from a namespace's interface to a switch, with the host's end named. */
function cable(namespace: string, iface: string, switchId: string, far?: { name: string; index: number; peerIndex?: number }): TopologyCable {
  return { kind: 'to-switch', namespace, iface, switchId, far: far && { name: far.name, index: far.index, peerIndex: far.peerIndex }, matched: far !== undefined };
}

function single(title: string, namespace: TopologyNamespace, switches: TopologySwitch[] = [], cables: TopologyCable[] = []): Topology {
  return { title, sections: [{ namespaces: [namespace], switches, cables }] };
}

const PARENT_LINES = (driver: string, note: string) => [`parent of the ${driver} network`, '192.168.1.0/24  the LAN', note];

export const MODE_TOPOLOGIES: Readonly<Record<string, Topology>> = {
  'mode-bridge-default': single(
    'bridge (default)',
    { id: 'c', title: 'container', subtitle: '--network bridge', interfaces: [lo, eth0(6, 7, '172.17.0.2/16')] },
    [docker0],
    [cable('c', 'eth0', 'docker0', { name: 'veth1a2b3c4', index: 7, peerIndex: 6 })],
  ),
  'mode-bridge-user-defined': {
    title: 'user-defined bridge',
    sections: [
      {
        namespaces: [
          { id: 'app', title: 'app', subtitle: '--network mynet', interfaces: [eth0(8, 9, '172.18.0.2/16')], note: 'DNS at 127.0.0.11' },
          { id: 'db', title: 'db', subtitle: '--network mynet', interfaces: [eth0(10, 11, '172.18.0.3/16')], note: 'DNS at 127.0.0.11' },
        ],
        switches: [{ id: 'br', kind: 'bridge', where: 'host', name: '7: br-5f1e2d3c4b6a', index: 7, lines: ['bridge of network "mynet"', '172.18.0.1/16  gateway'] }],
        cables: [cable('app', 'eth0', 'br', { name: 'veth5d6e7f8', index: 9, peerIndex: 8 }), cable('db', 'eth0', 'br', { name: 'veth9a8b7c6', index: 11, peerIndex: 10 })],
      },
    ],
  },
  'mode-host': single('host', {
    id: 'host',
    title: 'host',
    subtitle: 'container: --network host',
    interfaces: [lo, { name: 'eth0', index: 2, mtu: 1500, addresses: ['192.168.1.10/24'] }, { name: 'docker0', index: 3, mtu: 1500, addresses: ['172.17.0.1/16'] }],
    note: 'no namespace of its own',
  }),
  'mode-none': single('none', { id: 'c', title: 'container', subtitle: '--network none', interfaces: [lo], note: 'nothing else: no way in or out' }),
  'mode-container': single(
    'container:<name>',
    { id: 'web', title: 'web + sidecar', subtitle: 'sidecar: --network container:web', interfaces: [lo, eth0(6, 7, '172.17.0.2/16')], note: 'one namespace, two containers' },
    [docker0],
    [cable('web', 'eth0', 'docker0', { name: 'veth1a2b3c4', index: 7, peerIndex: 6 })],
  ),
  'driver-overlay': single(
    'overlay',
    { id: 'task', title: 'task', subtitle: '--network my-overlay', interfaces: [lo, eth0(20, 21, '10.0.1.5/24', 1450), { name: 'eth1', index: 22, peerIndex: 23, mtu: 1500, addresses: ['172.18.0.3/16'] }] },
    [
      { id: 'ov', kind: 'overlay', where: 'overlay network namespace', name: 'overlay "my-overlay"', lines: ['10.0.1.1/24  gateway', 'VXLAN id 4097, UDP 4789', 'to the other swarm nodes'] },
      { id: 'gw', kind: 'bridge', where: 'host', name: '4: docker_gwbridge', index: 4, lines: ['172.18.0.1/16  gateway', 'NAT to the outside'] },
    ],
    [cable('task', 'eth0', 'ov'), cable('task', 'eth1', 'gw', { name: 'veth3c4d5e6', index: 23, peerIndex: 22 })],
  ),
  'driver-macvlan': single(
    'macvlan',
    { id: 'c', title: 'container', subtitle: '--network macnet', interfaces: [lo, eth0(5, 2, '192.168.1.50/24')], note: 'its own MAC on the LAN' },
    [{ id: 'nic', kind: 'nic', where: 'host', name: '2: eth0', index: 2, lines: PARENT_LINES('macvlan', 'the host cannot reach it') }],
    [cable('c', 'eth0', 'nic', { name: 'eth0', index: 2 })],
  ),
  'driver-ipvlan': single(
    'ipvlan',
    { id: 'c', title: 'container', subtitle: '--network ipnet', interfaces: [lo, eth0(5, 2, '192.168.1.60/24')], note: "the parent's MAC" },
    [{ id: 'nic', kind: 'nic', where: 'host', name: '2: eth0', index: 2, lines: PARENT_LINES('ipvlan', 'L2 mode; L3 routes') }],
    [cable('c', 'eth0', 'nic', { name: 'eth0', index: 2 })],
  ),
};
