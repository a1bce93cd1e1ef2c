/**
 * Traditional Chinese for members whose Discord locale is zh-TW. netlab writes Chinese once, in
 * Simplified (zh-CN); opencc-js (the JavaScript build of OpenCC, dictionaries included) converts
 * it with the `cn → tw` preset: Simplified → Traditional through OpenCC's phrase table, so that
 * characters with several Traditional forms come out right (发布 → 發佈, 头发 → 頭髮, 后面 →
 * 後面), then Taiwan's standard character forms (为 → 為, not 爲).
 *
 * Not `cn → twp`, which also swaps in Taiwan's vocabulary (网络 → 網路, 默认 → 預設): opencc-js
 * has no word segmentation, so that pass matches across word boundaries and garbled our own text
 * (高位端口 → 高階口, 用户命名空间 → 使用者名稱空間; nk2028/opencc-js#37), on top of OpenCC's
 * known slips (权限 → 許可權). Mainland vocabulary in Traditional characters reads fine in
 * Taiwan; a wrong word in a technical answer does not. Nor English: zh-TW members read Chinese.
 *
 * The dictionaries cost about 40 MiB of heap and a synchronous build of about half a second
 * (bench/zh-tw.ts), so they are loaded on first use only: a bot whose members never use zh-TW
 * never pays for them.
 */
import type { Answer } from '../answer.ts';

type Convert = (text: string) => string;

let converter: Promise<Convert> | undefined;

/** The converter, built once on first use. */
export function traditionalConverter(): Promise<Convert> {
  converter ??= import('opencc-js/cn2t').then(({ Converter }) => Converter({ from: 'cn', to: 'tw' }));
  return converter;
}

/** Discord locales that read Traditional Chinese. zh-HK is not a Discord locale. */
export function readsTraditional(locale: string | null | undefined): boolean {
  return locale?.toLowerCase() === 'zh-tw';
}

/** Whether a text has any Han character: the rest needs no conversion (and no dictionary load). */
const HAN = /\p{Script=Han}/u;

/** Every text of an answer a member reads in Traditional Chinese. Attachments are raw program output and stay. */
export async function traditionalAnswer(answer: Answer): Promise<Answer> {
  const texts = [answer.title, answer.body, answer.footer, ...(answer.fields ?? []).flatMap((f) => [f.name, f.value]), ...(answer.links ?? []).map((l) => l.label)];
  if (!texts.some((t) => t !== undefined && HAN.test(t))) return answer;
  const convert = await traditionalConverter();
  return {
    ...answer,
    ...(answer.title !== undefined ? { title: convert(answer.title) } : {}),
    body: convert(answer.body),
    ...(answer.footer !== undefined ? { footer: convert(answer.footer) } : {}),
    ...(answer.fields ? { fields: answer.fields.map((f) => ({ ...f, name: convert(f.name), value: convert(f.value) })) } : {}),
    ...(answer.links ? { links: answer.links.map((l) => ({ ...l, label: convert(l.label) })) } : {}),
  };
}

/** Autocomplete choices (topic titles) for a zh-TW member. */
export async function traditionalChoices<T extends { readonly name: string }>(choices: readonly T[]): Promise<T[]> {
  if (!choices.some((c) => HAN.test(c.name))) return [...choices];
  const convert = await traditionalConverter();
  return choices.map((c) => ({ ...c, name: convert(c.name) }));
}

/**
 * Command definitions with their zh-TW names, descriptions and choices in Traditional Chinese,
 * for `deploy-commands`: every `*_localizations['zh-TW']` string converted. Names stay names
 * (Discord's rules for a command or option name allow Han characters in either script).
 */
export async function traditionalLocalizations<T>(payload: T): Promise<T> {
  const convert = await traditionalConverter();
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.endsWith('_localizations') && item && typeof item === 'object') {
        const localized = { ...(item as Record<string, unknown>) };
        if (typeof localized['zh-TW'] === 'string') localized['zh-TW'] = convert(localized['zh-TW']);
        out[key] = localized;
      } else out[key] = walk(item);
    }
    return out;
  };
  return walk(payload) as T;
}
