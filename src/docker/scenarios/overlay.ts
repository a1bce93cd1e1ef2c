/**
 * overlay: a container on an attachable overlay network of a single-node swarm. eth0 has MTU
 * 1450 (VXLAN's 50 bytes), eth1 sits on docker_gwbridge. netlab makes the engine a swarm
 * manager only when the organiser allows it (SANDBOX_INIT_SWARM=true).
 */
import { isDockerApiError, SwarmNotEnabledError } from '../errors.ts';
import { IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { ipv4InSubnet, ipv4Of, parseIpAddr } from '../ip-parse.ts';
import type { ScenarioContext, ScenarioDefinition } from '../scenario.ts';

const NOT_ENABLED = new SwarmNotEnabledError().text;

/** Loopback only: the swarm's control port must never listen on a public interface. */
export const SWARM_INIT = { advertiseAddr: '127.0.0.1', listenAddr: '127.0.0.1:2377' } as const;

async function ensureSwarmManager(ctx: ScenarioContext): Promise<void> {
  const { swarm } = (await ctx.engine.info());
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

export const overlayScenario: ScenarioDefinition = {
  name: 'overlay',
  title: { en: 'overlay — a swarm network (VXLAN)', zh: 'overlay —— swarm 跨主机网络（VXLAN）' },
  summary: { en: 'A container on an attachable overlay network: MTU 1450 and an extra docker_gwbridge interface.', zh: 'attachable overlay 网络上的容器：MTU 1450，外加一个 docker_gwbridge 接口。' },
  topicId: 'driver-overlay',
  takeaway: {
    en: 'An overlay network spans swarm nodes by tunnelling Ethernet frames in VXLAN (UDP 4789); that header is why eth0’s MTU is 1450. Traffic to the outside leaves through eth1 on docker_gwbridge.',
    zh: 'overlay 网络把以太网帧封装进 VXLAN（UDP 4789）跨越 swarm 节点；这层报头就是 eth0 的 MTU 变成 1450 的原因。访问外部的流量从 eth1（docker_gwbridge）出去。',
  },
  availability: ({ config, swarmManager }) => (config.initSwarm || swarmManager !== false ? { enabled: true } : { enabled: false, reason: NOT_ENABLED }),
  async run(ctx) {
    await ensureSwarmManager(ctx);
    const net = await ctx.createNetwork('demo-overlay-net', 'overlay');
    const box = await ctx.startContainer('demo-overlay', { role: 'overlay', network: { kind: 'network', networkName: net.name, alias: 'demo-overlay' } }, net.friendlyName);
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const interfaces = parseIpAddr(addr.stdout);
    const gwbridge = (await ctx.engine.inspectNetwork('docker_gwbridge')).subnets[0]?.subnet ?? '';
    const eth1 = ipv4Of(interfaces.find((i) => i.name === 'eth1'));
    return {
      mtu: interfaces.find((i) => i.name === 'eth0')?.mtu ?? 0,
      gwbridge: eth1 !== undefined && gwbridge !== '' && ipv4InSubnet(eth1, gwbridge),
    };
  },
};
