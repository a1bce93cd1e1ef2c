/**
 * container: a second container joins the first one's network namespace
 * (`--network container:<target>`): same interfaces, same address, same ports, localhost
 * between them.
 */
import { bridgeOnHost, IP_ADDR } from '../fixed-commands.ts';
import { interfaceFingerprint, parseIpAddr } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

export const container = defineScenario({
  name: 'container',
  choice: { en: 'container — two containers, one namespace', zh: 'container —— 两个容器共用一个网络命名空间' },
  title: { en: 'container — share another container’s network', zh: 'container —— 共用另一个容器的网络' },
  lesson: {
    en: 'Two containers, one network namespace: identical interfaces, one IP, localhost between them.',
    zh: '两个容器共用一个网络命名空间：接口完全相同，只有一个 IP，彼此之间用 `localhost` 通信。',
  },
  takeaway: {
    en: 'One namespace, two containers: the same IP and the same ports, and `localhost` reaches the other one — a server in demo-target on port 80 answers demo-joined at 127.0.0.1:80, and both cannot bind the same port.',
    zh: '一个命名空间，两个容器：同一个 IP、同一组端口，`localhost` 就能访问对方——demo-target 在 80 端口上的服务，demo-joined 用 `127.0.0.1:80` 就能访问；反过来，两者也不能同时占用同一个端口。',
  },
  topicId: 'mode-container',
  uses: { containers: 2, networks: 0, warm: 'some' },
  checks: {
    identicalInterfaces: { passes: isTrue, text: () => ({ en: 'Both containers show identical interfaces and addresses', zh: '两个容器看到的接口和地址完全相同' }) },
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const hostView = ctx.hostView();
    const target = await ctx.startContainer('demo-target', { role: 'target', network: { kind: 'bridge' } });
    const joined = await ctx.startContainer('demo-joined', { role: 'joined', network: { kind: 'container', containerId: target.id } }, 'container:demo-target');
    const network = await ctx.observeNetwork('bridge', 'bridge');
    if (network.bridge) await hostView?.look(bridgeOnHost(network.bridge), { allowFailure: true });
    // The joined container goes first: once the target's shell exits, the namespace is gone.
    const [b] = await ctx.runFinal(joined, [IP_ADDR]);
    const [a] = await ctx.runFinal(target, [IP_ADDR]);
    const interfacesA = parseIpAddr(a.stdout);
    return { identicalInterfaces: interfacesA.length > 1 && interfaceFingerprint(interfacesA) === interfaceFingerprint(parseIpAddr(b.stdout)) };
  },
});
