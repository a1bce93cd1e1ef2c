/**
 * `/ask question:<text>` — the best topic's answer, concise: its summary and the section that
 * matches the question best, with related topics one click away.
 */
import type { Answer, TopicLink } from '../answer.ts';
import type { AskAnswer, Library } from '../content/library.ts';
import type { Lang } from '../i18n.ts';
import { BUDGET } from '../limits.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';
import { recordActivity, type Surface } from './context.ts';
import { colon, demoHint, UI } from './ui-text.ts';

const MAX_LINKS = 4;

export function answerQuestion(library: Library, result: AskAnswer, lang: Lang, surface: Surface = 'discord'): Answer {
  const [best, ...rest] = result.results;
  if (!result.covered || !best) {
    const suggestions = result.results.slice(0, 3);
    return {
      title: UI.notCoveredTitle[lang],
      body: suggestions.length > 0 ? `${UI.notCoveredBody[lang]}\n\n${UI.nearest[lang]}` : UI.notCoveredBody[lang],
      tone: 'warn',
      links: suggestions.map((r) => ({ label: r.title, topicId: r.id })),
      data: { covered: result.covered, results: result.results },
    };
  }
  const doc = library.doc(best.id, lang);
  const sections = library.sections(best.id, lang);
  const shown = sections[result.section?.index ?? 0] ?? sections[0];
  const excerpt = shown ? `${shown.heading ? `**${shown.heading}**\n` : ''}${shown.text}` : '';
  const body = excerpt && excerpt.length <= BUDGET.sectionChars - doc.summary.length ? `${doc.summary}\n\n${excerpt}` : doc.summary;
  const links: TopicLink[] = [{ label: UI.readMore[lang], topicId: best.id }];
  for (const id of [...rest.filter((r) => r.score >= best.score * 0.5).map((r) => r.id), ...doc.related]) {
    if (links.length >= MAX_LINKS + 1) break;
    if (!links.some((l) => l.topicId === id) && library.get(id)) links.push({ label: library.doc(id, lang).title, topicId: id });
  }
  return {
    title: doc.title,
    body,
    tone: 'info',
    links,
    footer: [demoHint(doc.demo, lang, surface), `${UI.topicKey[lang]}${colon(lang)}${best.id}`].filter(Boolean).join(' · '),
    data: { covered: result.covered, results: result.results },
  };
}

export const ask: Command = {
  data: withAnswerOptions(
    slashCommand('ask', '提问', {
      en: 'Ask a question about Docker networking (English or 中文)',
      zh: '用中文或英文提一个 Docker 网络问题',
    }).addStringOption((o) =>
      o
        .setName('question')
        .setNameLocalizations({ 'zh-CN': '问题', 'zh-TW': '问题' })
        .setDescription('For example: why does none mode only have lo?')
        .setDescriptionLocalizations({ 'zh-CN': '例如：为什么 none 模式只有 lo？', 'zh-TW': '例如：为什么 none 模式只有 lo？' })
        .setRequired(true)
        .setMaxLength(BUDGET.questionMaxChars),
    ),
  ).toJSON(),
  async execute(ctx) {
    const result = ctx.library.ask(ctx.options.string('question') ?? '', ctx.lang);
    await ctx.reply(answerQuestion(ctx.library, result, ctx.lang, ctx.surface));
    const best = result.results[0];
    if (result.covered && best) recordActivity(ctx, 'read', best.id);
  },
};
