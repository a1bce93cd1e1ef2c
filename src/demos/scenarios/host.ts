/**
 * host: a container in the host's network namespace — it sees the machine's own interfaces.
 * Public addresses and MACs are masked (as in every scenario's output) unless the organiser
 * turned redaction off; the organiser can also switch the scenario off entirely.
 */
import { IP_ADDR, IP_ROUTE } from '../fixed-commands.ts';
import { parseIpAddr } from '../ip-parse.ts';
import { defineScenario, isTrue } from '../scenario.ts';

export const host = defineScenario({
  name: 'host',
  choice: { en: 'host — the host’s own network', zh: 'host —— 直接用宿主机的网络' },
  title: { en: 'host — the host’s own network', zh: 'host —— 共用宿主机的网络' },
  lesson: {
    en: 'A container without its own network namespace: it sees the host’s interfaces (public addresses masked).',
    zh: '没有自己网络命名空间的容器：看到的是宿主机的接口（公网地址已打码）。',
  },
  takeaway: {
    en: 'No network namespace of its own: the container uses the host’s interfaces, addresses and ports directly — fast, but with no network isolation.',
    zh: '没有自己的网络命名空间：容器直接使用宿主机的接口、地址和端口——快，但网络上毫无隔离。',
  },
  topicId: 'mode-host',
  uses: { containers: 1, networks: 0, warm: 'all' },
  checks: {
    seesHostInterfaces: { passes: isTrue, text: () => ({ en: 'The container sees the host’s own interfaces', zh: '容器看到的是宿主机自己的接口' }) },
    redacted: {
      text: (v) =>
        v === true
          ? { en: 'Public addresses and hardware MACs are masked', zh: '公网地址和硬件 MAC 地址已打码' }
          : { en: 'Addresses are shown unmasked (SANDBOX_REDACT_HOST=false)', zh: '地址未打码（`SANDBOX_REDACT_HOST=false`）' },
    },
  },
  availability: ({ config, server }) => {
    if (!config.hostScenario) return { enabled: false, reason: { en: 'Switched off by the organiser (SANDBOX_HOST_SCENARIO=false).', zh: '组织者已关闭这个演示（`SANDBOX_HOST_SCENARIO=false`）。' } };
    if (server?.hostScenario === false) return { enabled: false, reason: { en: 'This server’s organisers switched it off (/settings).', zh: '本服务器的管理员在 /settings 中关闭了它。' } };
    return { enabled: true };
  },
  async run(ctx) {
    const box = await ctx.startContainer('demo-host', { role: 'host', network: { kind: 'host' } });
    // What members see is masked by the sandbox (redact.ts); the check reads the real names.
    const [addr] = await ctx.runFinal(box, [IP_ADDR, IP_ROUTE]);
    const names = parseIpAddr(addr.stdout).map((i) => i.name);
    return { seesHostInterfaces: names.includes('docker0') || names.length > 2, redacted: ctx.config.redactHost };
  },
});
