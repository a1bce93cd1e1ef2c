/**
 * bridge: one container on the default bridge; eth0 gets an address in the bridge's subnet. The
 * host's view shows the other end of eth0's veth pair plugged into docker0.
 */
import { bridgeOnHost, IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { ipv4InSubnet, ipv4Of, parseIpAddr } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

export const bridge = defineScenario({
  name: 'bridge',
  choice: { en: 'bridge — the default network', zh: 'bridge —— 默认网桥' },
  title: { en: 'bridge — the default network', zh: 'bridge —— 默认网桥（docker0）' },
  lesson: {
    en: 'A container on the default bridge (docker0): a veth pair, a private address, NAT to the outside.',
    zh: '默认网桥（`docker0`）上的一个容器：一对 veth、一个私有地址，经 NAT 访问外网。',
  },
  takeaway: {
    en: 'Each default-bridge container has its own namespace and one end of a veth pair; docker0 on the host is its switch and gateway, and outgoing traffic is NATed.',
    zh: '默认网桥上的每个容器都有自己的网络命名空间，用一对 veth 中的一端接到宿主机的 `docker0` 上；`docker0` 既是它的交换机也是网关，访问外网的流量要经过 NAT。',
  },
  topicId: 'mode-bridge-default',
  uses: { containers: 1, networks: 0, warm: 'all' },
  checks: {
    eth0InDefaultSubnet: {
      passes: isTrue,
      text: (_, all) => ({
        en: `eth0’s address is in the default bridge’s subnet (${String(all.defaultSubnet ?? '?')})`,
        zh: `eth0 的地址在默认网桥的子网（${String(all.defaultSubnet ?? '?')}）内`,
      }),
    },
    defaultSubnet: { text: () => undefined }, // shown inside the line above
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const hostView = ctx.hostView();
    const box = await ctx.startContainer('demo-bridge', { role: 'bridge', network: { kind: 'bridge' } });
    const network = await ctx.observeNetwork('bridge', 'bridge');
    if (network.bridge) await hostView?.look(bridgeOnHost(network.bridge), { allowFailure: true });
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const subnet = network.subnets.find((s) => s.subnet.includes('.'))?.subnet ?? '';
    const address = ipv4Of(parseIpAddr(addr.stdout).find((i) => i.name === 'eth0')) ?? '';
    return { eth0InDefaultSubnet: subnet !== '' && ipv4InSubnet(address, subnet), defaultSubnet: subnet };
  },
});
