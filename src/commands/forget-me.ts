/**
 * `/forget-me` — deletes every record netlab keeps about the member, in every server, after a
 * confirm button. The confirmation is private, names what will go, and works only for the member
 * who asked, for a few minutes.
 */
import type { Answer } from '../answer.ts';
import { UserError } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import type { MemberRecords } from '../store/privacy.ts';
import { slashCommand, type Command } from './command.ts';

const CONFIRM_FOR_MS = 5 * 60_000;
const CONFIRM = /^confirm\.(\w{1,32})\.(\d{10,14})$/;

const stale = new UserError('forget-me-stale', {
  en: 'This confirmation is no longer valid. Run /forget-me again if you still want your data deleted.',
  zh: '这个确认已经失效。如果仍想删除你的数据，请重新运行 /forget-me。',
});

function summary(r: MemberRecords, lang: Lang): string {
  return lang === 'zh'
    ? `${r.answers} 条测验作答、${r.boxes} 道题的复习进度、${r.reads} 次主题阅读、${r.demos} 次演示，涉及 ${r.scopes} 处（服务器、私信或本机）`
    : `${r.answers} quiz answers, review progress on ${r.boxes} questions, ${r.reads} topics read and ${r.demos} demos run, in ${r.scopes} ${r.scopes === 1 ? 'place' : 'places'} (servers, direct messages or this computer)`;
}

function confirmation(r: MemberRecords, userId: string, now: number, lang: Lang): Answer {
  if (r.scopes === 0) {
    return { body: lang === 'zh' ? 'netlab 没有保存任何关于你的记录，不需要删除。' : 'netlab keeps no records about you: there is nothing to delete.', tone: 'ok', data: { records: r, deleted: 0 } };
  }
  return {
    title: lang === 'zh' ? '删除关于你的所有记录？' : 'Delete everything netlab keeps about you?',
    body:
      lang === 'zh'
        ? `将在所有服务器中删除：${summary(r, 'zh')}，以及你的排行榜设置。删除后无法恢复，你的排行榜成绩和连续学习天数也会清零。`
        : `This deletes, in every server: ${summary(r, 'en')}, and your leaderboard preference. It cannot be undone; your leaderboard scores and streak start from zero.`,
    tone: 'warn',
    buttons: [
      { label: lang === 'zh' ? '全部删除' : 'Delete everything', command: 'forget-me', argument: `confirm.${userId}.${now}`, style: 'danger' },
      { label: lang === 'zh' ? '取消' : 'Cancel', command: 'forget-me', argument: 'cancel', style: 'secondary' },
    ],
    data: { records: r },
  };
}

export const forgetMe: Command = {
  data: slashCommand('forget-me', '删除我的数据', {
    en: 'Delete everything netlab keeps about you (asks to confirm first)',
    zh: '删除 netlab 保存的关于你的所有记录（会先请你确认）',
  }).toJSON(),
  private: true,
  async execute(ctx) {
    await ctx.reply(confirmation(ctx.store.privacy.records(ctx.userId), ctx.userId, ctx.store.now(), ctx.lang));
  },
  async button(ctx) {
    if (ctx.argument === 'cancel') {
      return ctx.update({ body: ctx.lang === 'zh' ? '已取消，什么都没有删除。' : 'Cancelled: nothing was deleted.', tone: 'info', data: { deleted: 0 } });
    }
    const match = CONFIRM.exec(ctx.argument);
    // Bound to the member who asked and to a few minutes: a stray or forged button deletes nothing.
    if (!match || match[1] !== ctx.userId || ctx.store.now() - Number(match[2]) > CONFIRM_FOR_MS) throw stale;
    const deleted = ctx.store.privacy.forget(ctx.userId);
    await ctx.update({
      title: ctx.lang === 'zh' ? '已删除' : 'Deleted',
      body:
        ctx.lang === 'zh'
          ? `关于你的 ${deleted} 条记录已经全部删除。之后如果再使用 /quiz、/learn 等命令，会重新开始记录。`
          : `All ${deleted} records about you are gone. If you use /quiz, /learn and the like again, netlab starts recording afresh.`,
      tone: 'ok',
      data: { deleted },
    });
  },
};
