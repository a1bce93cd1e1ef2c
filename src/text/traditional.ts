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
 * The converter runs in a worker thread, started on the first zh-TW answer
 * (traditional-worker.ts, bench/zh-tw.ts): a bot whose members never use zh-TW never pays for it.
 */
import type { Answer } from '../answer.ts';
import { startTraditionalWorker, type BatchConvert } from './traditional-worker.ts';

let converter: Promise<BatchConvert> | undefined;

/** The converter, started once on first use. */
export function traditionalConverter(): Promise<BatchConvert> {
  converter ??= startTraditionalWorker();
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
  const fields = answer.fields ?? [];
  const links = answer.links ?? [];
  const texts = [answer.title ?? '', answer.body, answer.footer ?? '', ...fields.flatMap((f) => [f.name, f.value]), ...links.map((l) => l.label)];
  if (!texts.some((t) => HAN.test(t))) return answer;
  const convert = await traditionalConverter();
  const [title = '', body = '', footer = '', ...rest] = await convert(texts);
  return {
    ...answer,
    ...(answer.title !== undefined ? { title } : {}),
    body,
    ...(answer.footer !== undefined ? { footer } : {}),
    ...(answer.fields ? { fields: fields.map((f, i) => ({ ...f, name: rest[2 * i]!, value: rest[2 * i + 1]! })) } : {}),
    ...(answer.links ? { links: links.map((l, i) => ({ ...l, label: rest[2 * fields.length + i]! })) } : {}),
  };
}

/** Autocomplete choices (topic titles) for a zh-TW member. */
export async function traditionalChoices<T extends { readonly name: string }>(choices: readonly T[]): Promise<T[]> {
  if (!choices.some((c) => HAN.test(c.name))) return [...choices];
  const names = await (await traditionalConverter())(choices.map((c) => c.name));
  return choices.map((c, i) => ({ ...c, name: names[i]! }));
}

/**
 * Command definitions with their zh-TW names, descriptions and choices in Traditional Chinese,
 * for `deploy-commands`: every `*_localizations['zh-TW']` string converted.
 */
export async function traditionalLocalizations<T>(payload: T): Promise<T> {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.endsWith('_localizations') && item && typeof item === 'object') {
        const localized = { ...(item as Record<string, unknown>) };
        if (typeof localized['zh-TW'] === 'string') found.push(localized);
        out[key] = localized;
      } else out[key] = walk(item);
    }
    return out;
  };
  const copy = walk(payload) as T;
  const converted = await (await traditionalConverter())(found.map((l) => l['zh-TW'] as string));
  found.forEach((l, i) => (l['zh-TW'] = converted[i]));
  return copy;
}
