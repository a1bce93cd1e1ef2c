/** `/progress` — what the member has covered in this server, how their quiz answers go, and what next. Only they see it. */
import type { Answer, AnswerField } from '../answer.ts';
import type { Library } from '../content/library.ts';
import type { Lang } from '../i18n.ts';
import { progressReport, type NextStep, type ProgressReport } from '../progress/report.ts';
import { quizBank } from '../quiz/bank.ts';
import { slashCommand, type Command } from './command.ts';
import { memberOf, type Surface } from './context.ts';
import { commandLine } from './ui-text.ts';

const percent = (right: number, total: number) => `${Math.round((100 * right) / total)} %`;

function step(s: NextStep, library: Library, lang: Lang, surface: Surface): string {
  const command = `\`${commandLine(surface, s.command, s.argument ?? '')}\``;
  const title = s.command === 'demo' || !s.argument ? '' : library.doc(s.argument, lang).title;
  switch (s.reason) {
    case 'weak':
      return lang === 'zh' ? `${command}：这个主题你答对了 ${s.detail?.right}/${s.detail?.total}，再练练` : `${command}: ${s.detail?.right} of ${s.detail?.total} right so far in ${title}`;
    case 'due':
      return lang === 'zh' ? `${command}：有 ${s.detail?.due} 道题到期该复习了` : `${command}: ${s.detail?.due} questions are due for review`;
    case 'related':
      return lang === 'zh' ? `${command}：${title}，和你读过的主题相关` : `${command}: ${title}, related to what you read`;
    case 'start-here':
      return lang === 'zh' ? `${command}：${title}，从核心主题开始` : `${command}: ${title}, one of the core topics`;
    case 'see-it-live':
      return lang === 'zh' ? `${command}：你读过这个模式，现场看看它的 \`ip addr\`` : `${command}: you read about this mode; see its \`ip addr\` live`;
  }
}

export function progressAnswer(report: ProgressReport, library: Library, lang: Lang, surface: Surface): Answer {
  const none = lang === 'zh' ? '还没有' : 'none yet';
  const sep = lang === 'zh' ? '、' : ', ';
  const reads = report.topicsRead.reduce((n, r) => n + r.times, 0);
  const fields: AnswerField[] = [
    {
      name: lang === 'zh' ? `读过的主题：${report.topicsRead.length}/${report.topicsTotal}` : `Topics read: ${report.topicsRead.length} of ${report.topicsTotal}`,
      value: report.topicsRead.length ? `${report.topicsRead.map((r) => `\`${r.topic}\` ×${r.times}`).join(sep)}${lang === 'zh' ? `（共 ${reads} 次）` : ` (${reads} in all)`}` : none,
    },
    { name: lang === 'zh' ? '运行过的演示' : 'Demos run', value: report.demos.length ? report.demos.map((d) => `\`${d.scenario}\` ×${d.runs}`).join(sep) : none },
    {
      name: lang === 'zh' ? '测验正确率（从弱到强）' : 'Quiz accuracy (weakest first)',
      value: report.quiz.length ? report.quiz.map((q) => `\`${q.topic}\` ${q.right}/${q.total} (${percent(q.right, q.total)})`).join('\n') : none,
    },
    {
      name: lang === 'zh' ? '连续学习' : 'Streak',
      value:
        lang === 'zh'
          ? `${report.streakDays} 天${report.streakDays > 0 && !report.studiedToday ? '（今天还没学，别断了）' : ''}`
          : `${report.streakDays} ${report.streakDays === 1 ? 'day' : 'days'}${report.streakDays > 0 && !report.studiedToday ? ' (nothing yet today: keep it going)' : ''}`,
      inline: true,
    },
    { name: lang === 'zh' ? '待复习的题' : 'Questions due', value: String(report.dueQuestions), inline: true },
  ];
  if (report.nextUp.length) fields.push({ name: lang === 'zh' ? '接下来' : 'Next up', value: report.nextUp.map((s) => `• ${step(s, library, lang, surface)}`).join('\n') });
  return {
    title: lang === 'zh' ? '你的学习进度' : 'Your progress',
    body:
      surface === 'discord'
        ? lang === 'zh'
          ? '只统计本服务器；天数按 UTC 计算。'
          : 'In this server only; days count in UTC.'
        : lang === 'zh'
          ? '这台电脑上的记录；天数按 UTC 计算。'
          : 'On this computer; days count in UTC.',
    tone: 'info',
    fields,
    data: report,
  };
}

export const progress: Command = {
  data: slashCommand('progress', '进度', { en: 'What you have read, run and answered, and what to do next', zh: '看看你读过、跑过、答过什么，以及接下来学什么' }).toJSON(),
  private: true,
  async execute(ctx) {
    const quizOn = ctx.guildId ? ctx.store.settings.for(ctx.guildId).quiz : true;
    const report = progressReport({ store: ctx.store, bank: quizBank(), library: ctx.library }, memberOf(ctx), { quizOn });
    await ctx.reply(progressAnswer(report, ctx.library, ctx.lang, ctx.surface));
  },
};
