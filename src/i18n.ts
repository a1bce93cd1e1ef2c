/** The two languages netlab speaks, and how a Discord locale maps onto them. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'zh';
}

/** Discord locales: zh-CN and zh-TW read Chinese; everything else falls back to English. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
