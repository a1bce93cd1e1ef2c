/** bridge: one container on the default bridge; eth0 gets an address in the bridge's subnet. */
import { IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { ipv4InSubnet, ipv4Of, parseIpAddr } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, type ScenarioDefinition } from '../scenario.ts';

export const bridgeScenario: ScenarioDefinition = {
  name: 'bridge',
  title: { en: 'bridge — the default network', zh: 'bridge —— 默认网络' },
  summary: { en: 'A container on the default bridge (docker0): a veth pair, a private address, NAT to the outside.', zh: '默认 bridge（docker0）上的容器：一对 veth、一个私有地址，经 NAT 访问外部。' },
  topicId: 'mode-bridge-default',
  takeaway: {
    en: 'Each default-bridge container has its own namespace and one end of a veth pair; docker0 on the host is its switch and gateway, and outgoing traffic is NATed.',
    zh: '默认 bridge 上的每个容器都有自己的命名空间和一端 veth；宿主机上的 docker0 是它的交换机和网关，出网流量经过 NAT。',
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const box = await ctx.startContainer('demo-bridge', { role: 'bridge', network: { kind: 'bridge' } });
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const subnet = (await ctx.engine.inspectNetwork('bridge')).subnets.find((s) => s.subnet.includes('.'))?.subnet ?? '';
    const address = ipv4Of(parseIpAddr(addr.stdout).find((i) => i.name === 'eth0')) ?? '';
    return { eth0InDefaultSubnet: subnet !== '' && ipv4InSubnet(address, subnet), defaultSubnet: subnet };
  },
};
