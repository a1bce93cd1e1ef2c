/** none: a container with its own, empty network namespace — `ip addr` shows only `lo`. */
import { IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { parseIpAddr } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

export const none = defineScenario({
  name: 'none',
  choice: { en: 'none — only lo', zh: 'none —— 只有回环接口 lo' },
  title: { en: 'none — only the loopback interface', zh: 'none —— 只有回环接口' },
  lesson: {
    en: 'A container with its own network namespace and nothing in it but the loopback interface.',
    zh: '容器有自己的网络命名空间，但里面只有回环接口 `lo`：没有网卡，也没有路由。',
  },
  takeaway: {
    en: 'A namespace with nothing but loopback: nothing in, nothing out — for jobs that must never touch a network.',
    zh: '只有回环接口的命名空间：流量进不来也出不去，适合绝对不能联网的任务。',
  },
  topicId: 'mode-none',
  uses: { containers: 1, networks: 0, warm: 'all' },
  checks: {
    onlyLo: { passes: isTrue, text: () => ({ en: 'Only `lo` exists: no network at all', zh: '只有 `lo`：没有任何网络' }) },
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const box = await ctx.startContainer('demo-none', { role: 'none', network: { kind: 'none' } });
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const names = parseIpAddr(addr.stdout).map((i) => i.name);
    return { onlyLo: names.length === 1 && names[0] === 'lo' };
  },
});
