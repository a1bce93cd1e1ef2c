/** `/demo scenario:<choice>` — runs a sandboxed scenario and shows the containers' `ip addr`, explained. */
import type { Answer } from '../answer.ts';
import { isScenarioName, SCENARIO_NAMES, UnknownScenarioError, type ScenarioName } from '../docker/index.ts';
import { presentDemo } from '../docker/present.ts';
import type { Bilingual } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';

const CHOICE_NAMES: Record<ScenarioName, Bilingual> = {
  bridge: { en: 'bridge — the default network', zh: 'bridge — 默认网桥' },
  host: { en: 'host — the host’s own network', zh: 'host — 直接用宿主机网络' },
  none: { en: 'none — only lo', zh: 'none — 只有 lo' },
  container: { en: 'container — two containers, one namespace', zh: 'container — 两个容器共用命名空间' },
  'user-bridge': { en: 'user-bridge — DNS by name', zh: 'user-bridge — 自定义网桥，按名字互访' },
  overlay: { en: 'overlay — VXLAN, MTU 1450', zh: 'overlay — 覆盖网络，MTU 1450' },
  p2p: { en: 'p2p — a veth point-to-point link', zh: 'p2p — veth 点到点连接' },
  networks: { en: 'networks — docker network ls', zh: 'networks — docker network ls' },
};

function queuedAnswer(position: number, etaSec: number, lang: Lang): Answer {
  return {
    title: lang === 'zh' ? '排队中…' : 'Waiting in line…',
    body:
      lang === 'zh'
        ? `前面还有 ${position} 个演示，大约 ${etaSec} 秒后轮到你。结果出来后这条消息会自动更新。`
        : `There ${position === 1 ? 'is 1 demo' : `are ${position} demos`} ahead of you; about ${etaSec} s to go. This message updates with the result.`,
    tone: 'info',
  };
}

export const demo: Command = {
  data: withAnswerOptions(
    slashCommand('demo', '演示', {
      en: 'Run live, sandboxed containers in a network mode and see their ip addr',
      zh: '在沙箱里现场运行容器，查看各网络模式下的 ip addr',
    }).addStringOption((o) =>
      o
        .setName('scenario')
        .setNameLocalizations({ 'zh-CN': '场景', 'zh-TW': '场景' })
        .setDescription('Which network mode to show')
        .setDescriptionLocalizations({ 'zh-CN': '要演示的网络模式', 'zh-TW': '要演示的网络模式' })
        .setRequired(true)
        .addChoices(
          ...SCENARIO_NAMES.map((name) => ({
            name: CHOICE_NAMES[name].en,
            name_localizations: { 'zh-CN': CHOICE_NAMES[name].zh, 'zh-TW': CHOICE_NAMES[name].zh },
            value: name,
          })),
        ),
    ),
  ).toJSON(),
  defers: true,
  async execute(ctx) {
    const name = ctx.options.string('scenario');
    if (!isScenarioName(name)) throw new UnknownScenarioError(SCENARIO_NAMES);
    await ctx.defer();
    const result = await ctx.sandbox.runDemo(name, {
      userId: ctx.userId,
      onQueued: (position, etaSec) => void ctx.progress(queuedAnswer(position, etaSec, ctx.lang)).catch(() => undefined),
    });
    await ctx.reply(presentDemo(result, ctx.lang));
  },
};
