/** `/learn topic:<autocomplete>` — one topic, whole, with its sources and related topics. */
import type { Answer } from '../answer.ts';
import type { Library } from '../content/library.ts';
import type { Lang } from '../i18n.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';
import { recordActivity, type Surface } from './context.ts';
import { colon, commandLine, demoHint, UI } from './ui-text.ts';

export function topicAnswer(library: Library, id: string, lang: Lang, surface: Surface = 'discord'): Answer {
  const doc = library.doc(id, lang);
  const sections = library.sections(id, lang).map((s) => (s.heading ? `**${s.heading}**\n${s.text}` : s.text));
  const sources = doc.sources.map((url) => `<${url}>`).join('\n');
  return {
    title: doc.title,
    body: [`*${doc.summary}*`, ...sections, `**${UI.sources[lang]}**\n${sources}`].join('\n\n'),
    tone: 'info',
    links: doc.related.filter((r) => library.get(r)).map((r) => ({ label: library.doc(r, lang).title, topicId: r })),
    footer: [demoHint(doc.demo, lang, surface), `${UI.topicKey[lang]}${colon(lang)}${id}`].filter(Boolean).join(' · '),
    data: { id, lang, title: doc.title, summary: doc.summary, sources: doc.sources, related: doc.related },
  };
}

/** Every topic, for `netlab topics`, `netlab learn` and `/learn` with nothing after it in the console. */
export function topicsAnswer(library: Library, lang: Lang, surface: Surface): Answer {
  const rows = library.topics.map((t) => ({ id: t.id, title: t.docs[lang].title, demo: t.docs[lang].demo ?? null }));
  return {
    title: lang === 'zh' ? `资料库里的 ${rows.length} 个主题` : `The ${rows.length} topics of the library`,
    body: [
      lang === 'zh' ? `用 \`${commandLine(surface, 'learn', '<主题>')}\` 阅读其中一个：` : `Read one with \`${commandLine(surface, 'learn', '<topic>')}\`:`,
      ...rows.map((r) => `\`${r.id}\` — ${r.title}${r.demo ? ` (${commandLine(surface, 'demo', r.demo)})` : ''}`),
    ].join('\n'),
    tone: 'info',
    data: rows,
  };
}

export const learn: Command = {
  data: withAnswerOptions(
    slashCommand('learn', '学习', { en: 'Read one topic of the library', zh: '阅读资料库中的一个主题' }).addStringOption((o) =>
      o
        .setName('topic')
        .setNameLocalizations({ 'zh-CN': '主题', 'zh-TW': '主题' })
        .setDescription('A topic: type to search (e.g. bridge, none, p2p)')
        .setDescriptionLocalizations({ 'zh-CN': '主题：输入关键词搜索（如 bridge、none、点到点）', 'zh-TW': '主题：输入关键词搜索（如 bridge、none、点到点）' })
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    ),
  ).toJSON(),
  async execute(ctx) {
    const topic = ctx.library.resolve(ctx.options.string('topic') ?? '');
    await ctx.reply(topicAnswer(ctx.library, topic.id, ctx.lang, ctx.surface));
    recordActivity(ctx, 'read', topic.id);
  },
  autocomplete(ctx) {
    return ctx.library.autocomplete(ctx.focused.value, ctx.lang);
  },
  async button(ctx) {
    // The custom id comes back from the client and may be forged: resolve it like typed text.
    const topic = ctx.library.resolve(ctx.argument);
    await ctx.reply(topicAnswer(ctx.library, topic.id, ctx.lang, ctx.surface));
    recordActivity(ctx, 'read', topic.id);
  },
};
