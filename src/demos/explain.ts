/**
 * Line-by-line explanations of `ip addr` and `ip route` output, in both languages. Each
 * explanation names the line it explains (its subject) so a renderer can show the most useful
 * few next to the output.
 */
import type { DemoContainerResult } from '../docker/result.ts';
import type { Bilingual } from '../errors.ts';
import { parseIpAddr, type IpInterface } from './ip-parse.ts';

/** One explained line of output, in both languages. */
export interface Annotation {
  readonly container: string;
  readonly command: string;
  /** The sort of line (veth, mtu-vxlan, only-lo, …). */
  readonly kind: string;
  /** The output line (or interface) it explains, e.g. "eth0@if9". */
  readonly subject: string;
  readonly text: Bilingual;
}

export interface Explanation {
  /** What sort of line this explains; renderers show one of each kind, most telling first. */
  readonly kind: string;
  readonly subject: string;
  readonly text: Bilingual;
}

/** Lower is more telling: what makes this mode different comes before what every container has. */
const PRIORITY: Readonly<Record<string, number>> = {
  'only-lo': 1, veth: 2, 'mtu-vxlan': 2, gwbridge: 2, docker0: 2, 'no-routes': 3, 'slash-32': 3, 'swarm-gwbridge': 3,
  'route-default': 4, 'route-host': 4, 'docker-mac': 4, 'link-none': 4, lo: 5, 'scope-global': 5, 'route-subnet': 5, 'scope-link': 6, down: 7,
  'embedded-dns': 1, 'host-resolver': 2, 'dns-refused': 2, ndots: 6,
};

export function explanationPriority(kind: string): number {
  return PRIORITY[kind] ?? 9;
}

const t = (en: string, zh: string): Bilingual => ({ en, zh });

/** Docker derives 02:42:… MACs from the container's IPv4 address: 02:42:ac:11:00:02 → 172.17.0.2. */
function dockerMacAddress(mac: string): string | undefined {
  const parts = mac.toLowerCase().split(':');
  if (parts.length !== 6 || parts[0] !== '02' || parts[1] !== '42') return undefined;
  return parts.slice(2).map((h) => parseInt(h, 16)).join('.');
}

function explainInterface(i: IpInterface, scenario: string): Explanation[] {
  const out: Explanation[] = [];
  const subject = i.peerIndex === undefined ? i.name : `${i.name}@if${i.peerIndex}`;
  if (i.name === 'lo') {
    out.push({ kind: 'lo', subject, text: t('`lo` is the loopback interface. Every network namespace has its own, so 127.0.0.1 (`scope host`) reaches only this namespace.', '`lo` 是回环接口。每个网络命名空间都有自己的 lo，所以这里的 127.0.0.1（`scope host`）只通向本命名空间。') });
    return out;
  }
  if (i.peerIndex !== undefined) {
    const where = scenario === 'p2p' ? t('in the other container', '在另一个容器里') : t('on the host side, plugged into the network’s bridge', '在宿主机一侧，接在该网络的网桥上');
    out.push({ kind: 'veth', subject, text: t(`\`${subject}\`: one end of a veth pair (a virtual cable). Its peer is interface ${i.peerIndex}, ${where.en}.`, `\`${subject}\`：veth pair（虚拟网线）的一端，另一端是 ${i.peerIndex} 号接口，${where.zh}。`) });
  }
  if (i.mtu === 1450) {
    out.push({ kind: 'mtu-vxlan', subject: `mtu 1450`, text: t('MTU 1450 instead of 1500: overlay traffic is wrapped in VXLAN, whose outer headers take 50 bytes of every Ethernet frame.', 'MTU 是 1450 而不是 1500：overlay 流量要封装进 VXLAN，外层报头占掉每个以太网帧的 50 字节。') });
  }
  if (scenario === 'overlay' && i.name === 'eth1') {
    out.push({ kind: 'gwbridge', subject, text: t('`eth1` is on `docker_gwbridge`, a bridge on each swarm node that gives overlay containers a way out (NAT); container-to-container traffic stays on eth0.', '`eth1` 接在 `docker_gwbridge` 上：每个 swarm 节点都有这个网桥，让 overlay 容器能访问外部（NAT）；容器之间的流量仍走 eth0。') });
  }
  if (i.name === 'docker0') {
    out.push({ kind: 'docker0', subject, text: t('`docker0` is the default bridge on the host: default-network containers plug their veth ends into it, and its address is their gateway.', '`docker0` 是宿主机上的默认网桥：默认网络的容器把 veth 的一端接在它上面，它的地址就是容器的网关。') });
  }
  if (i.name === 'docker_gwbridge' && scenario === 'host') {
    out.push({ kind: 'swarm-gwbridge', subject, text: t('`docker_gwbridge` was made for swarm overlay networks: their containers reach the outside through it.', '`docker_gwbridge` 是为 swarm 的 overlay 网络创建的：overlay 容器通过它访问外部。') });
  }
  if (i.linkType === 'none') {
    out.push({ kind: 'link-none', subject, text: t(`\`link/none\` on ${i.name}: no layer-2 (MAC) address — a layer-3 tunnel such as WireGuard or tun.`, `${i.name} 显示 \`link/none\`：没有二层（MAC）地址，是 WireGuard、tun 这类三层隧道。`) });
  }
  const fromMac = i.mac ? dockerMacAddress(i.mac) : undefined;
  if (fromMac && i.addresses.some((a) => a.cidr.startsWith(`${fromMac}/`))) {
    out.push({ kind: 'docker-mac', subject: i.mac ?? '', text: t(`MAC ${i.mac}: Docker builds it from 02:42 plus the IPv4 address in hex (${fromMac}).`, `MAC ${i.mac}：Docker 用 02:42 加上十六进制的 IPv4 地址（${fromMac}）生成。`) });
  }
  if (!i.flags.includes('UP') || i.state === 'DOWN') {
    out.push({ kind: 'down', subject, text: t(`\`${i.name}\` is DOWN: it exists but is switched off, so it carries no traffic.`, `\`${i.name}\` 处于 DOWN：接口存在但没有启用，不传输任何流量。`) });
  }
  for (const a of i.addresses) {
    if (a.cidr.endsWith('/32')) {
      out.push({ kind: 'slash-32', subject: a.cidr, text: t(`${a.cidr}: a /32 is a single address with no subnet around it; a host route tells the kernel where the peer is.`, `${a.cidr}：/32 只有这一个地址、没有子网，需要一条主机路由告诉内核对端在哪。`) });
    } else if (a.scope === 'global') {
      out.push({ kind: 'scope-global', subject: a.cidr, text: t(`${a.cidr} \`scope global\`: an address other machines on this network can reach.`, `${a.cidr}（\`scope global\`）：这个网络上的其他机器可以访问的地址。`) });
    } else if (a.scope === 'link') {
      out.push({ kind: 'scope-link', subject: a.cidr, text: t(`${a.cidr} \`scope link\`: valid only on this one link, never routed.`, `${a.cidr}（\`scope link\`）：只在这条链路上有效，不会被路由。`) });
    }
  }
  return out;
}

export function explainIpAddr(output: string, scenario: string): Explanation[] {
  const interfaces = parseIpAddr(output);
  const explanations = interfaces.flatMap((i) => explainInterface(i, scenario));
  if (interfaces.length === 1 && interfaces[0]?.name === 'lo') {
    explanations.push({ kind: 'only-lo', subject: 'lo', text: t('Only `lo`: the container has its own, empty network namespace — nothing goes in or out.', '只有 `lo`：容器有自己的空网络命名空间，流量既进不来也出不去。') });
  }
  return explanations;
}

export function explainIpRoute(output: string): Explanation[] {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) {
    return [{ kind: 'no-routes', subject: 'ip route', text: t('No routes at all: nothing outside this namespace is reachable.', '没有任何路由：本命名空间之外的地址都不可达。') }];
  }
  return lines.flatMap((line): Explanation[] => {
    const gateway = /^default via (\S+) dev (\S+)/.exec(line);
    if (gateway) return [{ kind: 'route-default', subject: line, text: t(`Default route: anything not listed goes to the gateway ${gateway[1]} via ${gateway[2]}.`, `默认路由：没有列出的目的地都经 ${gateway[2]} 发往网关 ${gateway[1]}。`) }];
    const subnet = /^(\S+\/\d+) dev (\S+)/.exec(line);
    if (subnet) return [{ kind: 'route-subnet', subject: line, text: t(`${subnet[1]} is directly on ${subnet[2]}: no gateway needed.`, `${subnet[1]} 直接连在 ${subnet[2]} 上，不需要网关。`) }];
    const host = /^(\d+\.\d+\.\d+\.\d+) dev (\S+)/.exec(line);
    if (host) return [{ kind: 'route-host', subject: line, text: t(`Host route: ${host[1]} is reached directly through ${host[2]}.`, `主机路由：经 ${host[2]} 直接到达 ${host[1]}。`) }];
    return [];
  });
}

/** `cat /etc/resolv.conf` and a lookup at 127.0.0.11: where this container's DNS questions go. */
export function explainResolver(output: string, command: string): Explanation[] {
  if (command === 'cat /etc/resolv.conf') {
    const server = /^nameserver\s+(\S+)/m.exec(output)?.[1];
    const out: Explanation[] = [];
    if (server === '127.0.0.11') {
      out.push({ kind: 'embedded-dns', subject: 'nameserver 127.0.0.11', text: t('`nameserver 127.0.0.11`: Docker’s embedded DNS server. On a user-defined network it answers with container names and aliases, and forwards other names to the host’s resolvers.', '`nameserver 127.0.0.11`：Docker 的内嵌 DNS。在自定义网络上，它按容器名和别名作答，其他名字转发给宿主机的解析服务器。') });
    } else if (server) {
      out.push({ kind: 'host-resolver', subject: `nameserver ${server}`, text: t(`\`nameserver ${server}\`: on the default bridge, Docker copies the host’s resolvers into the container (public ones instead of a local stub such as 127.0.0.53); they know nothing about container names.`, `\`nameserver ${server}\`：在默认网桥上，Docker 把宿主机的解析服务器抄进容器（宿主机只有 \`127.0.0.53\` 这类本地解析时，改用公共 DNS），它们对容器名一无所知。`) });
    }
    if (/^options.*\bndots:0\b/m.test(output)) {
      out.push({ kind: 'ndots', subject: 'options ndots:0', text: t('`ndots:0`: a name is tried as written first, with no search domains appended.', '`ndots:0`：名字先按原样查询，不追加搜索域。') });
    }
    return out;
  }
  if (/(^|\s)nslookup /.test(command) && /Connection refused|no servers could be reached/.test(output)) {
    return [{ kind: 'dns-refused', subject: command, text: t('`Connection refused` at 127.0.0.11: nothing listens there on the default bridge, so the name cannot be resolved.', '`127.0.0.11` 返回 `Connection refused`：默认网桥上那里没有任何服务在监听，所以名字解析不了。') }];
  }
  return [];
}

/** Explanations for every `ip addr` / `ip route` / resolver output of a demo, deduplicated by text. */
export function annotateDemo(scenario: string, containers: readonly DemoContainerResult[]): Annotation[] {
  const seen = new Set<string>();
  const annotations: Annotation[] = [];
  for (const container of containers) {
    for (const [command, output] of Object.entries(container.outputs)) {
      const explanations = command === 'ip addr' ? explainIpAddr(output, scenario) : command === 'ip route' ? explainIpRoute(output) : explainResolver(output, command);
      for (const e of explanations) {
        if (seen.has(e.text.en)) continue; // container mode: two identical outputs, one explanation
        seen.add(e.text.en);
        annotations.push({ container: container.name, command, kind: e.kind, subject: e.subject, text: e.text });
      }
    }
  }
  return annotations;
}
