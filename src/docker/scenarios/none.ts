/** none: a container with its own, empty network namespace — `ip addr` shows only `lo`. */
import { IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { parseIpAddr } from '../ip-parse.ts';
import { ALWAYS_AVAILABLE, type ScenarioDefinition } from '../scenario.ts';

export const noneScenario: ScenarioDefinition = {
  name: 'none',
  title: { en: 'none — no network', zh: 'none —— 无网络' },
  summary: { en: 'A container with networking disabled: only the loopback interface.', zh: '关闭网络的容器：只有回环接口 lo。' },
  topicId: 'mode-none',
  takeaway: {
    en: 'A namespace with nothing but loopback: nothing in, nothing out — for jobs that must never touch a network.',
    zh: '只有回环接口的命名空间：流量进不来也出不去，适合绝对不能联网的任务。',
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const box = await ctx.startContainer('demo-none', { role: 'none', network: { kind: 'none' } });
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const names = parseIpAddr(addr.stdout).map((i) => i.name);
    return { onlyLo: names.length === 1 && names[0] === 'lo' };
  },
};
