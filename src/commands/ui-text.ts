/** Interface text shared by several commands, in both languages. */
import type { Bilingual } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import type { Surface } from './context.ts';

export const UI = {
  notCoveredTitle: { en: 'Not covered (yet)', zh: '资料库里还没有这个' },
  notCoveredBody: {
    en: 'netlab only answers from its curated Docker-networking library, and this question is outside it. I would rather say so than guess.',
    zh: 'netlab 只根据整理好的 Docker 网络资料回答，这个问题不在范围内。与其瞎猜，不如直说。',
  },
  nearest: { en: 'The nearest topics, in case one helps:', zh: '下面是最接近的几个主题，也许有帮助：' },
  readMore: { en: 'Read the whole topic', zh: '阅读完整主题' },
  topicKey: { en: 'topic', zh: '主题' },
  tryDemo: { en: 'see it live', zh: '现场演示' },
  sources: { en: 'Sources', zh: '来源' },
  genericError: {
    en: 'Something went wrong on my side. It has been logged; please try again in a moment.',
    zh: '我这边出了点问题，已经记录下来了，请稍后再试。',
  },
} satisfies Record<string, Bilingual>;

/** How a member runs a command where they are: `/learn x` in Discord and the console, `netlab learn x` in a shell. */
export function commandLine(surface: Surface, command: string, argument = ''): string {
  return `${surface === 'shell' ? 'netlab ' : '/'}${command}${argument ? ` ${argument}` : ''}`;
}

export function demoHint(scenario: string | undefined, lang: Lang, surface: Surface = 'discord'): string {
  return scenario ? `${UI.tryDemo[lang]}${colon(lang)}${commandLine(surface, 'demo', scenario)}` : '';
}

/** A label's colon: full-width after Chinese (GB/T 15834), `: ` in English. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}
