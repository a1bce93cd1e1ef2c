/**
 * `/settings` — how netlab behaves in this server: where /demo may run, whether the host demo is
 * offered, the default language, and whether /quiz and /leaderboard are on. Discord shows the
 * command only to members with Manage Server (default_member_permissions); the handler checks it
 * again, since an interaction can be forged. Every option is optional: none shows the settings,
 * any changes them, at once, for everyone in the server.
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import type { Answer, AnswerField } from '../answer.ts';
import { UserError, type Bilingual } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { FORGOTTEN } from '../store/privacy.ts';
import type { ServerSettings, SettingsChange } from '../store/settings.ts';
import { slashCommand, type Command } from './command.ts';
import type { CommandContext } from './context.ts';

const zh = (name: string) => ({ 'zh-CN': name, 'zh-TW': name });

const data = slashCommand('settings', '设置', {
  en: 'netlab’s settings for this server (Manage Server)',
  zh: '本服务器的 netlab 设置（需要“管理服务器”权限）',
})
  .setDMPermission(false)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addChannelOption((o) =>
    o
      .setName('allow_demos_in')
      .setNameLocalizations(zh('允许演示的频道'))
      .setDescription('Let /demo run in this channel; once any channel is listed, /demo runs only in listed ones')
      .setDescriptionLocalizations(zh('允许在这个频道运行 /demo；一旦列出了频道，/demo 就只能在列出的频道里运行'))
      .addChannelTypes(ChannelType.GuildText, ChannelType.PublicThread, ChannelType.PrivateThread),
  )
  .addChannelOption((o) =>
    o
      .setName('stop_demos_in')
      .setNameLocalizations(zh('取消演示的频道'))
      .setDescription('Take this channel off the /demo list')
      .setDescriptionLocalizations(zh('把这个频道从允许 /demo 的列表中移除'))
      .addChannelTypes(ChannelType.GuildText, ChannelType.PublicThread, ChannelType.PrivateThread),
  )
  .addBooleanOption((o) =>
    o
      .setName('demos_everywhere')
      .setNameLocalizations(zh('所有频道都可演示'))
      .setDescription('True: /demo runs in every channel again (clears the list)')
      .setDescriptionLocalizations(zh('选“是”：/demo 重新可以在所有频道运行（清空列表）')),
  )
  .addBooleanOption((o) =>
    o.setName('host_demo').setNameLocalizations(zh('host演示')).setDescription('Offer the host demo, which shows the sandbox machine’s interfaces').setDescriptionLocalizations(zh('是否提供 host 演示（它会显示沙箱机器的网络接口）')),
  )
  .addStringOption((o) =>
    o
      .setName('language')
      .setNameLocalizations(zh('默认语言'))
      .setDescription('For members whose Discord language is neither Chinese nor English')
      .setDescriptionLocalizations(zh('Discord 语言既不是中文也不是英文的成员使用的语言'))
      .addChoices({ name: 'English', value: 'en' }, { name: '中文', value: 'zh' }),
  )
  .addBooleanOption((o) => o.setName('quiz').setNameLocalizations(zh('测验')).setDescription('Turn /quiz on or off').setDescriptionLocalizations(zh('打开或关闭 /quiz')))
  .addBooleanOption((o) =>
    o.setName('leaderboard').setNameLocalizations(zh('排行榜')).setDescription('Turn /leaderboard on or off').setDescriptionLocalizations(zh('打开或关闭 /leaderboard')),
  )
  .addBooleanOption((o) =>
    o
      .setName('reset')
      .setNameLocalizations(zh('恢复默认'))
      .setDescription('True: back to the deployment’s defaults (applied before the other options)')
      .setDescriptionLocalizations(zh('选“是”：恢复部署时的默认设置（先于其他选项生效）')),
  )
  .toJSON();

const needsServer = new UserError('settings-need-server', {
  en: 'Settings belong to a Discord server: use /settings in one of its channels. A local install is configured with environment variables (.env).',
  zh: '设置属于某个 Discord 服务器，请在服务器的频道里使用 /settings。本地运行的 netlab 用环境变量（.env）配置。',
});
const needsManageServer = new UserError('settings-need-manage-server', {
  en: 'Only members with the Manage Server permission can change netlab’s settings.',
  zh: '只有拥有“管理服务器”权限的成员才能修改 netlab 的设置。',
});

const LABELS = {
  demos: { en: 'Where /demo runs', zh: '/demo 可用的频道' },
  host: { en: 'host demo', zh: 'host 演示' },
  language: { en: 'Default language', zh: '默认语言' },
  quiz: { en: '/quiz', zh: '/quiz' },
  leaderboard: { en: '/leaderboard', zh: '/leaderboard' },
  changed: { en: 'Last changed', zh: '上次修改' },
} satisfies Record<string, Bilingual>;

const onOff = (on: boolean, lang: Lang) => (on ? (lang === 'zh' ? '开' : 'on') : lang === 'zh' ? '关' : 'off');

function change(ctx: CommandContext, current: ServerSettings): SettingsChange | undefined {
  const o = ctx.options;
  const reset = o.boolean('reset') === true;
  const base: ServerSettings = reset ? { ...current, demoChannels: null } : current;
  const updates: { -readonly [K in keyof SettingsChange]: SettingsChange[K] } = reset ? { demoChannels: null, hostScenario: null, defaultLang: null, quiz: null, leaderboard: null } : {};
  const add = o.string('allow_demos_in');
  const remove = o.string('stop_demos_in');
  if (o.boolean('demos_everywhere') === true) updates.demoChannels = null;
  else if (add || remove) {
    const list = new Set(base.demoChannels ?? []);
    if (add) list.add(add);
    if (remove) list.delete(remove);
    updates.demoChannels = [...list];
  }
  const host = o.boolean('host_demo');
  if (host !== undefined) updates.hostScenario = host;
  const language = o.string('language');
  if (language === 'en' || language === 'zh') updates.defaultLang = language;
  const quiz = o.boolean('quiz');
  if (quiz !== undefined) updates.quiz = quiz;
  const leaderboard = o.boolean('leaderboard');
  if (leaderboard !== undefined) updates.leaderboard = leaderboard;
  return reset || Object.keys(updates).length > 0 ? updates : undefined;
}

export function settingsAnswer(settings: ServerSettings, ctx: Pick<CommandContext, 'lang' | 'sandbox'>, changed: boolean): Answer {
  const { lang } = ctx;
  const deploymentHost = ctx.sandbox.config.hostScenario;
  const host = !deploymentHost
    ? lang === 'zh'
      ? '关（整个部署都关闭了：`SANDBOX_HOST_SCENARIO=false`）'
      : 'off (for the whole deployment: `SANDBOX_HOST_SCENARIO=false`)'
    : onOff(settings.hostScenario, lang);
  const fields: AnswerField[] = [
    { name: LABELS.demos[lang], value: settings.demoChannels ? settings.demoChannels.map((id) => `<#${id}>`).join(lang === 'zh' ? '、' : ', ') : lang === 'zh' ? '所有频道' : 'every channel' },
    { name: LABELS.host[lang], value: host, inline: true },
    { name: LABELS.language[lang], value: settings.defaultLang === 'zh' ? '中文' : 'English', inline: true },
    { name: LABELS.quiz[lang], value: onOff(settings.quiz, lang), inline: true },
    { name: LABELS.leaderboard[lang], value: onOff(settings.leaderboard, lang), inline: true },
  ];
  if (settings.updatedAt) {
    const by = settings.updatedBy && settings.updatedBy !== FORGOTTEN ? `<@${settings.updatedBy}> ` : '';
    fields.push({ name: LABELS.changed[lang], value: `${by}<t:${Math.floor(settings.updatedAt / 1000)}:R>` });
  }
  return {
    title: changed ? (lang === 'zh' ? '已保存，立即生效' : 'Saved — in force now') : lang === 'zh' ? '本服务器的 netlab 设置' : 'netlab’s settings for this server',
    body: changed
      ? ''
      : lang === 'zh'
        ? '带上选项即可修改，例如 `/settings 允许演示的频道:#实验室`。'
        : 'Add an option to change one, e.g. `/settings allow_demos_in:#lab`.',
    tone: changed ? 'ok' : 'info',
    fields,
    data: { demoChannels: settings.demoChannels, hostScenario: settings.hostScenario && deploymentHost, defaultLang: settings.defaultLang, quiz: settings.quiz, leaderboard: settings.leaderboard },
  };
}

export const settings: Command = {
  data,
  private: true,
  async execute(ctx) {
    if (!ctx.guildId) throw needsServer;
    const current = ctx.store.settings.for(ctx.guildId);
    const updates = change(ctx, current);
    if (!updates) return ctx.reply(settingsAnswer(current, ctx, false));
    if (!ctx.canManageServer) throw needsManageServer;
    await ctx.reply(settingsAnswer(ctx.store.settings.update(ctx.guildId, updates, ctx.userId), ctx, true));
  },
};
