/**
 * user-bridge: a temporary user-defined bridge with two containers that find each other by name
 * through Docker's embedded DNS server (127.0.0.11). The network lives only for this run.
 */
import { bridgeOnHost, IP_ADDR, nslookupEmbedded } from '../fixed-commands.ts';
import { ipv4Of, parseIpAddr, resolvedAddresses } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

export const userBridge = defineScenario({
  name: 'user-bridge',
  choice: { en: 'user-bridge — names via embedded DNS', zh: 'user-bridge —— 自定义网桥，按名字互访' },
  title: { en: 'user-defined bridge — names via embedded DNS', zh: '自定义网桥 —— 用内嵌 DNS 按名字互访' },
  lesson: {
    en: 'A fresh user-defined bridge with two containers that resolve each other by name (127.0.0.11).',
    zh: '新建一个自定义网桥，放进两个容器，它们通过 `127.0.0.11` 上的内嵌 DNS 按名字找到对方。',
  },
  takeaway: {
    en: 'User-defined bridges have an embedded DNS server at 127.0.0.11, so containers find each other by name or alias; the default bridge does not.',
    zh: '自定义网桥自带内嵌 DNS（`127.0.0.11`），容器可以按名字或别名找到彼此；默认网桥没有这个功能。',
  },
  topicId: 'mode-bridge-user-defined',
  uses: { containers: 2, networks: 1, warm: 'none' },
  checks: {
    nameResolvesToPeer: { passes: isTrue, text: () => ({ en: '`demo-b` resolves (via 127.0.0.11) to demo-b’s own address', zh: '`demo-b` 经 `127.0.0.11` 解析到 demo-b 自己的地址' }) },
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const hostView = ctx.hostView();
    const net = await ctx.createNetwork('demo-net', 'bridge');
    const attach = (alias: string) => ({ kind: 'network', networkName: net.name, alias }) as const;
    const a = await ctx.startContainer('demo-a', { role: 'a', network: attach('demo-a') }, net.friendlyName);
    const b = await ctx.startContainer('demo-b', { role: 'b', network: attach('demo-b') }, net.friendlyName);
    const network = await ctx.observeNetwork(net.id, net.friendlyName);
    if (network.bridge) await hostView?.look(bridgeOnHost(network.bridge), { allowFailure: true });
    // One round trip into demo-a for both (only the lookup may fail); the lookup needs demo-b on
    // the network, so demo-a finishes first.
    const lookupPeer = nslookupEmbedded('demo-b');
    const [, lookup] = await ctx.runFinal(a, [IP_ADDR, lookupPeer], { allowFailure: [lookupPeer] });
    const [peer] = await ctx.runFinal(b, [IP_ADDR]);
    const peerAddress = ipv4Of(parseIpAddr(peer.stdout).find((i) => i.name === 'eth0'));
    const resolved = resolvedAddresses(lookup.stdout, 'demo-b');
    return { nameResolvesToPeer: peerAddress !== undefined && resolved.includes(peerAddress) };
  },
});
