/** networks: the sandbox engine's `docker network ls` — bridge, host and none (driver null). */
import type { Bilingual } from '../../errors.ts';
import type { NetworkRow } from '../engine.ts';
import { ALWAYS_AVAILABLE, type ScenarioDefinition } from '../scenario.ts';

/** The table `docker network ls` prints (NETWORK ID, NAME, DRIVER, SCOPE). */
export function formatNetworkTable(rows: readonly NetworkRow[]): string {
  const header = ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'];
  const cells = rows.map((r) => [r.id.slice(0, 12), r.name, r.driver, r.scope]);
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((c) => (c[col] ?? '').length)));
  return [header, ...cells].map((row) => row.map((c, col) => (c ?? '').padEnd((widths[col] ?? 0) + 3)).join('').trimEnd()).join('\n');
}

export const networksScenario: ScenarioDefinition = {
  name: 'networks',
  title: { en: 'docker network ls — the default networks', zh: 'docker network ls —— 默认的三个网络' },
  summary: { en: 'The sandbox engine’s networks: bridge, host and none (whose driver is called null).', zh: '沙箱引擎上的网络：bridge、host 和 none（它的驱动叫 null）。' },
  topicId: 'net-default-networks',
  takeaway: {
    en: 'Every engine starts with three networks: bridge (the default), host and none — whose driver is called null because it provides no networking at all.',
    zh: '每个引擎一开始都有三个网络：bridge（默认）、host 和 none——none 的驱动叫 null，因为它根本不提供网络。',
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const rows = await ctx.engine.listNetworks();
    ctx.show('docker network ls', formatNetworkTable(rows));
    const driverOf = (name: string) => rows.find((r) => r.name === name)?.driver;
    return { bridgeDriverBridge: driverOf('bridge') === 'bridge', hostDriverHost: driverOf('host') === 'host', noneDriverNull: driverOf('none') === 'null' };
  },
};

/** What each network in a listing is, for the bullets under the table. */
export function explainNetworks(names: readonly string[]): Bilingual[] {
  const out: Bilingual[] = [
    { en: '`bridge` is the default: containers started without `--network` join it, behind docker0 and NAT.', zh: '`bridge` 是默认网络：不加 `--network` 启动的容器都接在这里，经 docker0 和 NAT 出网。' },
    { en: '`host` is not a separate network: its containers share the host’s own network namespace.', zh: '`host` 不是独立的网络：接在它上面的容器直接共享宿主机的网络命名空间。' },
    { en: '`none` (driver `null`) gives a container nothing but loopback.', zh: '`none`（驱动是 `null`）只给容器一个回环接口。' },
  ];
  if (names.includes('docker_gwbridge')) out.push({ en: '`docker_gwbridge` (made by swarm) connects overlay containers to the outside on this node.', zh: '`docker_gwbridge`（swarm 创建）让本节点上的 overlay 容器能访问外部。' });
  if (names.includes('ingress')) out.push({ en: '`ingress` is the swarm’s routing-mesh overlay for published service ports.', zh: '`ingress` 是 swarm 路由网格使用的 overlay，用于服务发布的端口。' });
  if (names.some((n) => n.startsWith('netlab-'))) out.push({ en: '`netlab-…` networks belong to demos running right now; each is removed when its demo ends.', zh: '`netlab-…` 是正在运行的演示临时创建的网络，演示结束就会删除。' });
  return out;
}

/** Network names from a formatted table (second column), for explainNetworks. */
export function namesFromTable(table: string): string[] {
  return table.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[1] ?? '').filter(Boolean);
}
