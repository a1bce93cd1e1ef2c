/**
 * user-bridge: a temporary user-defined bridge with two containers that find each other by name
 * through Docker's embedded DNS server (127.0.0.11). The network lives only for this run.
 */
import { IP_ADDR, nslookupPeer } from '../fixed-commands.ts';
import { ipv4Of, parseIpAddr, resolvedAddresses } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, type ScenarioDefinition } from '../scenario.ts';

export const userBridgeScenario: ScenarioDefinition = {
  name: 'user-bridge',
  title: { en: 'user-defined bridge — names via embedded DNS', zh: '自定义 bridge —— 用内置 DNS 按名字互访' },
  summary: { en: 'A fresh user-defined bridge with two containers that resolve each other by name (127.0.0.11).', zh: '新建一个自定义 bridge，放两个容器，它们通过 127.0.0.11 按名字解析对方。' },
  topicId: 'mode-bridge-user-defined',
  takeaway: {
    en: 'User-defined bridges have an embedded DNS server at 127.0.0.11, so containers find each other by name or alias; the default bridge does not.',
    zh: '自定义 bridge 自带位于 127.0.0.11 的内置 DNS，容器可以按名字或别名找到彼此；默认 bridge 没有这个功能。',
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const net = await ctx.createNetwork('demo-net', 'bridge');
    const attach = (alias: string) => ({ kind: 'network', networkName: net.name, alias }) as const;
    const a = await ctx.startContainer('demo-a', { role: 'a', network: attach('demo-a') }, net.friendlyName);
    const b = await ctx.startContainer('demo-b', { role: 'b', network: attach('demo-b') }, net.friendlyName);
    await ctx.run(a, IP_ADDR);
    // The lookup needs demo-b on the network, so demo-a finishes first.
    const [lookup] = await ctx.runFinal(a, [nslookupPeer('demo-b')], { allowFailure: true });
    const [peer] = await ctx.runFinal(b, [IP_ADDR]);
    const peerAddress = ipv4Of(parseIpAddr(peer.stdout).find((i) => i.name === 'eth0'));
    const resolved = resolvedAddresses(lookup.stdout, 'demo-b');
    return { nameResolvesToPeer: peerAddress !== undefined && resolved.includes(peerAddress) };
  },
};
