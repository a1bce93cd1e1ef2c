/**
 * `/leaderboard [period] [show_me]` — right quiz answers in this server, this week or all time.
 * `show_me:false` takes the member off the board (and `true` back on); the organiser can turn the
 * board off with /settings. Mentions in it never ping: replies allow no mentions but `mention`.
 */
import type { Answer } from '../answer.ts';
import { UserError } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { weekStart, type Standing } from '../store/leaderboard.ts';
import { slashCommand, type Command } from './command.ts';
import { memberOf } from './context.ts';

const TOP = 10;
const MEDALS = ['🥇', '🥈', '🥉'];

const refusals = {
  needsServer: new UserError('leaderboard-need-server', {
    en: 'Leaderboards belong to a Discord server: use /leaderboard in one of its channels. /progress shows your own figures anywhere.',
    zh: '排行榜属于某个 Discord 服务器，请在服务器的频道里使用 /leaderboard。你自己的数据随时可以用 /progress 查看。',
  }),
  off: new UserError('leaderboard-off', { en: 'The organisers of this server have turned the leaderboard off.', zh: '本服务器的管理员关闭了排行榜。' }),
};

function line(s: Standing, lang: Lang): string {
  const badge = MEDALS[s.rank - 1] ?? `**${s.rank}.**`;
  return lang === 'zh' ? `${badge} <@${s.userId}> —— 答对 ${s.right} 题（共答 ${s.answered} 题）` : `${badge} <@${s.userId}> — ${s.right} right (${s.answered} answered)`;
}

export function leaderboardAnswer(standings: readonly Standing[], you: { userId: string; optedOut: boolean }, period: 'week' | 'all', since: number, lang: Lang): Answer {
  const mine = standings.find((s) => s.userId === you.userId);
  const top = standings.slice(0, TOP);
  const yours = you.optedOut
    ? lang === 'zh'
      ? '你没有出现在排行榜上。想重新上榜，用 /leaderboard 并把“显示我”选为“是”。'
      : 'You are not listed (`show_me:true` puts you back).'
    : mine
      ? mine.rank > TOP
        ? lang === 'zh'
          ? `你排第 ${mine.rank}，答对 ${mine.right} 题。`
          : `You are #${mine.rank} with ${mine.right} right.`
        : ''
      : lang === 'zh'
        ? '答对一道 /quiz 就能上榜。'
        : 'Answer a /quiz question right to be listed.';
  const empty = lang === 'zh' ? '这段时间还没有人答对题目。' : 'Nobody has a right answer in this period yet.';
  return {
    title: lang === 'zh' ? `排行榜 · ${period === 'week' ? '本周' : '全部时间'}` : `Leaderboard · ${period === 'week' ? 'this week' : 'all time'}`,
    body: [top.length ? top.map((s) => line(s, lang)).join('\n') : empty, yours].filter(Boolean).join('\n\n'),
    tone: 'info',
    footer: period === 'week' ? (lang === 'zh' ? '每周一 00:00（UTC）重新开始' : 'A new week starts on Monday 00:00 UTC') : undefined,
    data: { period, since: period === 'week' ? new Date(since).toISOString() : null, standings: top, you: { rank: mine?.rank ?? null, optedOut: you.optedOut } },
  };
}

export const leaderboard: Command = {
  data: slashCommand('leaderboard', '排行榜', { en: 'Who answered the most quiz questions right in this server', zh: '本服务器里谁答对的测验题最多' })
    .setDMPermission(false)
    .addStringOption((o) =>
      o
        .setName('period')
        .setNameLocalizations({ 'zh-CN': '时间', 'zh-TW': '时间' })
        .setDescription('This week (default) or all time')
        .setDescriptionLocalizations({ 'zh-CN': '本周（默认）或全部时间', 'zh-TW': '本周（默认）或全部时间' })
        .addChoices({ name: 'this week', name_localizations: { 'zh-CN': '本周', 'zh-TW': '本周' }, value: 'week' }, { name: 'all time', name_localizations: { 'zh-CN': '全部时间', 'zh-TW': '全部时间' }, value: 'all' }),
    )
    .addBooleanOption((o) =>
      o
        .setName('show_me')
        .setNameLocalizations({ 'zh-CN': '显示我', 'zh-TW': '显示我' })
        .setDescription('False: leave the leaderboard; true: join it again')
        .setDescriptionLocalizations({ 'zh-CN': '选“否”：退出排行榜；选“是”：重新加入', 'zh-TW': '选“否”：退出排行榜；选“是”：重新加入' }),
    )
    .addBooleanOption((o) =>
      o
        .setName('hide')
        .setNameLocalizations({ 'zh-CN': '仅自己可见', 'zh-TW': '仅自己可见' })
        .setDescription('Only you see the leaderboard')
        .setDescriptionLocalizations({ 'zh-CN': '只有你能看到排行榜', 'zh-TW': '只有你能看到排行榜' }),
    )
    .toJSON(),
  async execute(ctx) {
    if (!ctx.guildId) throw refusals.needsServer;
    const member = memberOf(ctx);
    const board = ctx.store.leaderboard;
    const showMe = ctx.options.boolean('show_me');
    if (showMe !== undefined) {
      board.setOptOut(member, !showMe);
      return ctx.reply({
        body: showMe
          ? ctx.lang === 'zh'
            ? '好的，你会出现在本服务器的排行榜上。'
            : 'Done: you are listed on this server’s leaderboard.'
          : ctx.lang === 'zh'
            ? '好的，你不会再出现在本服务器的排行榜上。你的答题记录仍然留给 /progress 使用。'
            : 'Done: you are off this server’s leaderboard. Your answers still count in your own /progress.',
        tone: 'ok',
        private: true,
        data: { optedOut: !showMe },
      });
    }
    if (!ctx.store.settings.for(ctx.guildId).leaderboard) throw refusals.off;
    const period = ctx.options.string('period') === 'all' ? 'all' : 'week';
    const since = period === 'week' ? weekStart(ctx.store.now()) : 0;
    await ctx.reply(leaderboardAnswer(board.standings(ctx.guildId, since), { userId: ctx.userId, optedOut: board.optedOut(member) }, period, since, ctx.lang));
  },
};
