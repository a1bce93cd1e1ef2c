/**
 * `/ask question:<text>` — the best topic's answer, concise: its summary and the section that
 * matches the question best, with related topics one click away. The answer is in the
 * question's language when that is clear (a Chinese question in an English console gets Chinese),
 * else in the member's (content/language.ts); Discord, the console and `netlab ask` alike.
 */
import type { Answer, TopicLink } from '../answer.ts';
import { answerLanguage } from '../content/language.ts';
import type { AskAnswer, Library } from '../content/library.ts';
import type { Lang } from '../i18n.ts';
import { BUDGET } from '../limits.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';
import { recordActivity, type Surface } from './context.ts';
import { colon, demoHint, UI } from './ui-text.ts';

const MAX_LINKS = 4;

export function answerQuestion(library: Library, result: AskAnswer, lang: Lang, surface: Surface = 'discord', memberLang: Lang = lang): Answer {
  const [best, ...rest] = result.results;
  const note = languageNote(lang, memberLang, surface);
  if (!result.covered || !best) {
    const suggestions = result.results.slice(0, 3);
    return {
      lang,
      title: UI.notCoveredTitle[lang],
      body: suggestions.length > 0 ? `${UI.notCoveredBody[lang]}\n\n${UI.nearest[lang]}` : UI.notCoveredBody[lang],
      tone: 'warn',
      links: suggestions.map((r) => ({ label: r.title, topicId: r.id })),
      ...(note ? { footer: note } : {}),
      data: { covered: result.covered, lang, results: result.results },
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
    lang,
    title: doc.title,
    body,
    tone: 'info',
    links,
    footer: [demoHint(doc.demo, lang, surface), `${UI.topicKey[lang]}${colon(lang)}${best.id}`, note].filter(Boolean).join(' · '),
    data: { covered: result.covered, lang, results: result.results },
  };
}

/**
 * When the answer's language is not the member's own, the console and the shell say how to keep
 * it (their language is a setting the member can change there). Discord needs no note: the
 * member's language is their Discord locale, and the answer simply follows their question.
 */
const LANGUAGE_NOTE: Record<Lang, Record<Exclude<Surface, 'discord'>, string>> = {
  en: {
    console: 'answered in English, the language of your question (/lang en switches the console)',
    shell: 'answered in English, the language of your question (--lang en for everything)',
  },
  zh: {
    console: '问题是中文，所以用中文回答（输入 /lang zh 可把控制台切换到中文）',
    shell: '问题是中文，所以用中文回答（加上 --lang zh，所有输出都用中文）',
  },
};

function languageNote(lang: Lang, memberLang: Lang, surface: Surface): string | undefined {
  if (lang === memberLang || surface === 'discord') return undefined;
  return LANGUAGE_NOTE[lang][surface];
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
    const question = ctx.options.string('question') ?? '';
    const lang = answerLanguage(question, ctx.lang);
    const result = ctx.library.ask(question, lang);
    await ctx.reply(answerQuestion(ctx.library, result, lang, ctx.surface, ctx.lang));
    const best = result.results[0];
    if (result.covered && best) recordActivity(ctx, 'read', best.id);
  },
};
