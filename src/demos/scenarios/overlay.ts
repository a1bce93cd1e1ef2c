/**
 * overlay: a container on an attachable overlay network of a single-node swarm. eth0 has MTU
 * 1450 (VXLAN's 50 bytes), eth1 sits on docker_gwbridge. netlab makes the engine a swarm
 * manager only when the organiser allows it (SANDBOX_INIT_SWARM=true).
 */
import { isDockerApiError } from '../../docker/errors.ts';
import type { ScenarioContext } from '../../docker/scenario.ts';
import { bridgeOnHost, IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { ipv4InSubnet, ipv4Of, parseIpAddr } from '../ip-parse.ts';
import { SwarmNotEnabledError } from '../refusals.ts';
import { defineScenario, isTrue } from '../scenario.ts';

/** Loopback only: the swarm's control port must never listen on a public interface. */
export const SWARM_INIT = { advertiseAddr: '127.0.0.1', listenAddr: '127.0.0.1:2377' } as const;

async function ensureSwarmManager(ctx: ScenarioContext): Promise<void> {
  const { swarm } = await ctx.engine.info();
  if (swarm.isManager) return;
  // A worker node or a swarm in trouble is not ours to change, whatever the setting says.
  if (!ctx.config.initSwarm || swarm.state !== 'inactive') throw new SwarmNotEnabledError();
  try {
    await ctx.engine.swarmInit(SWARM_INIT);
  } catch (error) {
    if (!isDockerApiError(error, 503)) throw error; // 503: a concurrent demo initialised it first
  }
  if (!(await ctx.engine.info()).swarm.isManager) throw new SwarmNotEnabledError();
}

export const overlay = defineScenario({
  name: 'overlay',
  choice: { en: 'overlay — VXLAN, MTU 1450', zh: 'overlay —— 覆盖网络（VXLAN），MTU 1450' },
  title: { en: 'overlay — a swarm network (VXLAN)', zh: 'overlay —— Swarm 跨主机网络（VXLAN）' },
  lesson: {
    en: 'A container on an attachable overlay network: MTU 1450 and an extra docker_gwbridge interface.',
    zh: '接在 attachable overlay 网络上的容器：MTU 是 1450，还多了一个接到 `docker_gwbridge` 的接口。',
  },
  takeaway: {
    en: 'An overlay network spans swarm nodes by tunnelling Ethernet frames in VXLAN (UDP 4789); that header is why eth0’s MTU is 1450. Traffic to the outside leaves through eth1 on docker_gwbridge.',
    zh: 'overlay 网络把以太网帧封装进 VXLAN（UDP 4789），从而跨越多个 Swarm 节点；多出来的这层报头就是 eth0 的 MTU 变成 1450 的原因。访问外网的流量从接在 `docker_gwbridge` 上的 eth1 出去。',
  },
  topicId: 'driver-overlay',
  uses: { containers: 1, networks: 1, warm: 'none' },
  needsSwarmManager: true,
  checks: {
    mtu: { passes: (v) => v === 1450, text: (v) => ({ en: `eth0 MTU is ${String(v)} (VXLAN overhead: 1500 − 50)`, zh: `eth0 的 MTU 是 ${String(v)}（VXLAN 开销：1500 − 50）` }) },
    gwbridge: { passes: isTrue, text: () => ({ en: 'eth1 is on docker_gwbridge', zh: 'eth1 接在 `docker_gwbridge` 上' }) },
  },
  availability: ({ config, swarmManager }) =>
    config.initSwarm || swarmManager !== false ? { enabled: true } : { enabled: false, reason: new SwarmNotEnabledError().text },
  async run(ctx) {
    await ensureSwarmManager(ctx);
    const hostView = ctx.hostView();
    const net = await ctx.createNetwork('demo-overlay-net', 'overlay');
    const box = await ctx.startContainer('demo-overlay', { role: 'overlay', network: { kind: 'network', networkName: net.name, alias: 'demo-overlay' } }, net.friendlyName);
    await ctx.observeNetwork(net.id, net.friendlyName);
    // eth0's peer is in the overlay network's own namespace; eth1's is on docker_gwbridge, on the host.
    const gwbridgeNetwork = await ctx.observeNetwork('docker_gwbridge', 'docker_gwbridge');
    if (gwbridgeNetwork.bridge) await hostView?.look(bridgeOnHost(gwbridgeNetwork.bridge), { allowFailure: true });
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const interfaces = parseIpAddr(addr.stdout);
    const gwbridge = gwbridgeNetwork.subnets[0]?.subnet ?? '';
    const eth1 = ipv4Of(interfaces.find((i) => i.name === 'eth1'));
    return {
      mtu: interfaces.find((i) => i.name === 'eth0')?.mtu ?? 0,
      gwbridge: eth1 !== undefined && gwbridge !== '' && ipv4InSubnet(eth1, gwbridge),
    };
  },
});
