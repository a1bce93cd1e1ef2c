/**
 * p2p: two `none` containers joined by a veth pair — the link the source blog could not build.
 * No host access at all: the second container shares only the first one's PID namespace, so it
 * can name the first one's network namespace as PID 1 (`ip link set veth0 netns 1`). Each runs
 * as root with NET_ADMIN confined to its own namespace; the pinging side also has NET_RAW,
 * because busybox 1.35's ping needs a raw socket. Busybox `ip link add` ignores `peer name`:
 * the peer is always called veth0, so the recipe relies on that name.
 */
import { IP_ADDR, pingPeer, script } from '../fixed-commands.ts';
import { packetLossPercent, parseIpAddr } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

const B_SETUP = script('setup (demo-p2p-b)', [
  'ip link add veth1 type veth peer name veth0',
  'ip link set veth0 netns 1',
  'ip addr add 10.99.0.2/32 dev veth1',
  'ip link set veth1 up',
  'ip route add 10.99.0.1/32 dev veth1',
]);
const A_SETUP = script('setup (demo-p2p-a)', ['ip addr add 10.99.0.1/32 dev veth0', 'ip link set veth0 up', 'ip route add 10.99.0.2/32 dev veth0']);

const onlyLoAnd = (output: string, veth: string) => parseIpAddr(output).map((i) => i.name).join(',') === `lo,${veth}`;

export const p2p = defineScenario({
  name: 'p2p',
  choice: { en: 'p2p — a veth point-to-point link', zh: 'p2p —— 用 veth 点对点直连两个容器' },
  title: { en: 'p2p — a veth link between two none containers', zh: 'p2p —— 两个 none 容器之间的 veth 直连' },
  lesson: {
    en: 'Two containers without networking, joined by a veth pair with /32 addresses and host routes, then a ping across.',
    zh: '两个只有回环接口的容器，用一对 veth 直接连起来，配上 `/32` 地址和主机路由，然后互相 ping。',
  },
  takeaway: {
    en: 'A veth pair is a cable between two namespaces; /32 addresses plus host routes are all the kernel needs. The source blog’s recipe needs root on the host (`ip netns`); here the second container shares only the first one’s PID namespace and moves its veth end to PID 1’s namespace.',
    zh: '一对 veth 就是连接两个命名空间的一根网线；`/32` 地址加上主机路由，内核就知道怎么把包送过去。原博客的做法要在宿主机上用 root 执行 `ip netns`；这里第二个容器只共享第一个容器的 PID 命名空间，再把 veth 的一端移进 PID 1 所在的网络命名空间。',
  },
  topicId: 'p2p-veth-recipe',
  uses: { containers: 2, networks: 0, warm: 'none' },
  checks: {
    packetLoss: { passes: (v) => v === 0, text: (v) => ({ en: `Ping across the veth link: ${String(v)}% packet loss`, zh: `经 veth 直连互 ping：丢包率 ${String(v)}%` }) },
    eachSideOnlyLoAndVeth: { passes: isTrue, text: () => ({ en: 'Each side has only `lo` and its own veth end', zh: '每一侧都只有 `lo` 和自己那一端 veth' }) },
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const a = await ctx.startContainer('demo-p2p-a', { role: 'a', network: { kind: 'none' }, capabilities: ['NET_ADMIN'], runAsRoot: true });
    const b = await ctx.startContainer('demo-p2p-b', {
      role: 'b',
      network: { kind: 'none' },
      capabilities: ['NET_ADMIN', 'NET_RAW'],
      runAsRoot: true,
      sharePidsWith: a.id,
    });
    await ctx.run(b, B_SETUP);
    // A's setup and its `ip addr` in one round trip, after B created the pair.
    const [, addrA] = await ctx.runAll(a, [A_SETUP, IP_ADDR]);
    // b's final commands go to its own shell; a must outlive b: its shell is PID 1 of the PID
    // namespace they share, and b's processes end with it.
    const [ping, addrB] = await ctx.runFinal(b, [pingPeer('10.99.0.1'), IP_ADDR], { allowFailure: true });
    return {
      packetLoss: packetLossPercent(ping.stdout) ?? 100,
      eachSideOnlyLoAndVeth: onlyLoAnd(addrA.stdout, 'veth0') && onlyLoAnd(addrB.stdout, 'veth1'),
    };
  },
});
