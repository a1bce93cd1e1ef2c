/**
 * dns: names on the default bridge against names on a user-defined network. Two containers on
 * the default bridge cannot resolve each other: their /etc/resolv.conf is the host's, and
 * nothing answers at 127.0.0.11. Two on a fresh user-defined network can: Docker points their
 * resolv.conf at its embedded DNS server, 127.0.0.11, which knows every container's name and
 * alias on that network. Every lookup goes to 127.0.0.11 only, so no query leaves the sandbox.
 */
import { bridgeOnHost, ETH0_ADDR, nslookupEmbedded, RESOLV_CONF } from '../fixed-commands.ts';
import { ipv4Of, parseIpAddr, resolvedAddresses } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

/** The first `nameserver` of a resolv.conf. */
const nameserverOf = (resolvConf: string) => /^nameserver\s+(\S+)/m.exec(resolvConf)?.[1] ?? '';
/** eth0's IPv4 address in `ip addr show dev eth0`. */
const ipv4In = (output: string) => ipv4Of(parseIpAddr(output).find((i) => i.name === 'eth0'));

export const dns = defineScenario({
  name: 'dns',
  choice: { en: 'dns — names: default bridge vs user network', zh: 'dns —— 按名字解析：默认网桥对比自定义网络' },
  title: { en: 'dns — names on the default bridge vs a user-defined network', zh: 'dns —— 名字解析：默认网桥与自定义网络' },
  lesson: {
    en: 'Two containers on the default bridge cannot resolve each other by name; two on a user-defined network can, through the embedded DNS at 127.0.0.11.',
    zh: '默认网桥上的两个容器无法按名字找到对方；自定义网络上的两个容器可以，靠的是 `127.0.0.11` 上的内嵌 DNS。',
  },
  takeaway: {
    en: 'Only user-defined networks (and every Compose project) get Docker’s embedded DNS: their /etc/resolv.conf says `nameserver 127.0.0.11`, which answers with container names and aliases. On the default bridge, resolv.conf is the host’s and nothing listens at 127.0.0.11 — use a user-defined network, not `--link`.',
    zh: '只有自定义网络（以及每个 Compose 项目的网络）才有 Docker 的内嵌 DNS：容器的 `/etc/resolv.conf` 写着 `nameserver 127.0.0.11`，它能按容器名和别名作答。默认网桥上的 `resolv.conf` 照搬宿主机的，`127.0.0.11` 上也没有任何服务——要按名字互访，请用自定义网络，不要用 `--link`。',
  },
  topicId: 'dns-resolution',
  uses: { containers: 4, networks: 1, warm: 'some' },
  checks: {
    defaultBridgeCannotResolve: {
      passes: isTrue,
      text: () => ({ en: 'Default bridge: the peer’s name does not resolve — nothing answers at 127.0.0.11', zh: '默认网桥：解析不到对方的名字——`127.0.0.11` 上没有 DNS 服务' }),
    },
    defaultBridgeNameserver: {
      text: (v) => ({ en: `Default bridge: resolv.conf points at ${String(v)}, the host’s resolver`, zh: `默认网桥：\`resolv.conf\` 指向宿主机的解析服务器 ${String(v)}` }),
    },
    userNetworkNameserver: {
      passes: (v) => v === '127.0.0.11',
      text: (v) => ({ en: `User-defined network: resolv.conf points at ${String(v)}`, zh: `自定义网络：\`resolv.conf\` 指向 ${String(v)}` }),
    },
    userNetworkResolvesPeer: {
      passes: isTrue,
      text: () => ({ en: 'User-defined network: `demo-b` resolves to demo-b’s own address', zh: '自定义网络：`demo-b` 解析到 demo-b 自己的地址' }),
    },
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const hostView = ctx.hostView();
    const defaultA = await ctx.startContainer('demo-default-a', { role: 'default-a', network: { kind: 'bridge' } });
    const defaultB = await ctx.startContainer('demo-default-b', { role: 'default-b', network: { kind: 'bridge' } });
    const net = await ctx.createNetwork('demo-net', 'bridge');
    const attach = (alias: string) => ({ kind: 'network', networkName: net.name, alias }) as const;
    const a = await ctx.startContainer('demo-a', { role: 'a', network: attach('demo-a') }, net.friendlyName);
    const b = await ctx.startContainer('demo-b', { role: 'b', network: attach('demo-b') }, net.friendlyName);
    const networks = [await ctx.observeNetwork('bridge', 'bridge'), await ctx.observeNetwork(net.id, net.friendlyName)];
    await hostView?.look(networks.flatMap((n) => (n.bridge ? bridgeOnHost(n.bridge) : [])), { allowFailure: true });
    // Each lookup runs while its peer is still there; then the peer shows its address.
    const [defaultConf, defaultLookup] = await ctx.runFinal(defaultA, [RESOLV_CONF, nslookupEmbedded(defaultB.engineName, 1), ETH0_ADDR], { allowFailure: true });
    const [defaultPeer] = await ctx.runFinal(defaultB, [ETH0_ADDR]);
    const [userConf, userLookup] = await ctx.runFinal(a, [RESOLV_CONF, nslookupEmbedded('demo-b'), ETH0_ADDR], { allowFailure: true });
    const [userPeer] = await ctx.runFinal(b, [ETH0_ADDR]);
    const defaultPeerAddress = ipv4In(defaultPeer.stdout);
    const userPeerAddress = ipv4In(userPeer.stdout);
    return {
      defaultBridgeCannotResolve:
        defaultPeerAddress !== undefined && defaultLookup.exitCode !== 0 && !resolvedAddresses(defaultLookup.stdout, defaultB.engineName).includes(defaultPeerAddress),
      defaultBridgeNameserver: nameserverOf(defaultConf.stdout),
      userNetworkNameserver: nameserverOf(userConf.stdout),
      userNetworkResolvesPeer: userPeerAddress !== undefined && resolvedAddresses(userLookup.stdout, 'demo-b').includes(userPeerAddress),
    };
  },
});
