/** `docker network ls` as members know it: the table, and what each network in it is. */
import type { NetworkRow } from '../docker/engine/engine.ts';
import type { Bilingual } from '../errors.ts';

/** The table `docker network ls` prints (NETWORK ID, NAME, DRIVER, SCOPE). */
export function formatNetworkTable(rows: readonly NetworkRow[]): string {
  const header = ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'];
  const cells = rows.map((r) => [r.id.slice(0, 12), r.name, r.driver, r.scope]);
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((c) => (c[col] ?? '').length)));
  return [header, ...cells].map((row) => row.map((c, col) => (c ?? '').padEnd((widths[col] ?? 0) + 3)).join('').trimEnd()).join('\n');
}

/** What each network in a listing is, for the bullets under the table. */
export function explainNetworks(names: readonly string[]): Bilingual[] {
  const out: Bilingual[] = [
    { en: '`bridge` is the default: containers started without `--network` join it, behind docker0 and NAT.', zh: '`bridge` 是默认网络：不加 `--network` 启动的容器都接在这里，经 `docker0` 和 NAT 访问外网。' },
    { en: '`host` is not a separate network: its containers share the host’s own network namespace.', zh: '`host` 不是独立的网络：用它的容器直接共用宿主机的网络命名空间。' },
    { en: '`none` (driver `null`) gives a container nothing but loopback.', zh: '`none`（驱动是 `null`）只给容器一个回环接口。' },
  ];
  if (names.includes('docker_gwbridge')) out.push({ en: '`docker_gwbridge` (made by swarm) connects overlay containers to the outside on this node.', zh: '`docker_gwbridge`（由 Swarm 创建）让本节点上的 overlay 容器能访问外网。' });
  if (names.includes('ingress')) out.push({ en: '`ingress` is the swarm’s routing-mesh overlay for published service ports.', zh: '`ingress` 是 Swarm 路由网格（routing mesh）使用的 overlay 网络，服务发布的端口经它转发。' });
  if (names.some((n) => n.startsWith('netlab-'))) out.push({ en: '`netlab-…` networks belong to demos running right now; each is removed when its demo ends.', zh: '`netlab-…` 是正在运行的演示临时创建的网络，演示结束就会删除。' });
  return out;
}

/** Network names from a formatted table (second column), for explainNetworks. */
export function namesFromTable(table: string): string[] {
  return table.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[1] ?? '').filter(Boolean);
}
