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

/**
 * A member's language: Chinese or English when their Discord locale says so, otherwise (French,
 * Japanese, …) the server's default, which the organiser sets with /settings.
 */
export function memberLang(locale: string | null | undefined, serverDefault: () => Lang): Lang {
  const l = locale?.toLowerCase() ?? '';
  if (l.startsWith('zh')) return 'zh';
  if (l.startsWith('en')) return 'en';
  return serverDefault();
}
