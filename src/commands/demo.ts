/**
 * `/demo scenario:<choice>` — runs a sandboxed scenario and shows the containers' `ip addr`,
 * explained, with a picture of that run's namespaces and cables.
 */
import type { Answer } from '../answer.ts';
import { presentDemo } from '../demos/present.ts';
import { SCENARIOS } from '../demos/registry.ts';
import { runScenario } from '../demos/run-demo.ts';
import { pictureOfRun } from '../demos/topology/run-picture.ts';
import type { Lang } from '../i18n.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';
import { recordActivity } from './context.ts';

function queuedAnswer(position: number, etaSec: number, lang: Lang): Answer {
  return {
    title: lang === 'zh' ? '排队中…' : 'Waiting in line…',
    body:
      lang === 'zh'
        ? `前面还有 ${position} 个演示，大约 ${etaSec} 秒后轮到你。结果出来后，这条消息会自动更新。`
        : `There ${position === 1 ? 'is 1 demo' : `are ${position} demos`} ahead of you; about ${etaSec} s to go. This message updates with the result.`,
    tone: 'info',
  };
}

export const demo: Command = {
  data: withAnswerOptions(
    slashCommand('demo', '演示', {
      en: 'Run live, sandboxed containers in a network mode and see their ip addr',
      zh: '在沙箱里现场运行容器，查看各网络模式下的 ip addr',
    }, { guildOnly: true }).addStringOption((o) =>
      o
        .setName('scenario')
        .setNameLocalizations({ 'zh-CN': '场景', 'zh-TW': '场景' })
        .setDescription('Which network mode to show')
        .setDescriptionLocalizations({ 'zh-CN': '要演示的网络模式', 'zh-TW': '要演示的网络模式' })
        .setRequired(true)
        .addChoices(...SCENARIOS.map((s) => ({ name: s.choice.en, name_localizations: { 'zh-CN': s.choice.zh, 'zh-TW': s.choice.zh }, value: s.name }))),
    ),
  ).toJSON(),
  defers: true,
  async execute(ctx) {
    // In a server, its settings decide where demos run and whether host is offered.
    const settings = ctx.guildId ? ctx.store.settings.for(ctx.guildId) : undefined;
    const place = settings && { channelId: ctx.channelId, demoChannels: settings.demoChannels, hostScenario: settings.hostScenario };
    const report = await runScenario(
      ctx.sandbox,
      ctx.options.string('scenario') ?? '',
      {
        userId: ctx.userId,
        guildId: ctx.guildId,
        channelId: ctx.channelId,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onQueued: (position, etaSec) => void ctx.progress(queuedAnswer(position, etaSec, ctx.lang)).catch(() => undefined),
      },
      place,
    );
    // Drawn once per run: members who shared it get the same picture.
    const picture = await pictureOfRun(report, { redact: ctx.sandbox.config.redactHost });
    await ctx.reply(presentDemo(report, ctx.lang, picture));
    recordActivity(ctx, 'demo', report.scenario);
  },
};
