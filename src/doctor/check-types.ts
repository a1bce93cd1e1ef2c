/**
 * Is every value of the type dockerd reads it into? A wrong type stops dockerd at start-up with
 * Go's words (`cannot unmarshal string into Go struct field Config.mtu of type int`). Go goes on
 * decoding after a plain type error and reports the first one, unless a field's own decoder
 * (an IP address, the address pools) fails first-hand, which stops it at once: such errors are
 * ordered first so that the first error listed is the one dockerd prints.
 */
import type { Bilingual } from '../errors.ts';
import { join, refusal, STAGE, type Finding } from './finding.ts';
import { goTypeErrors } from './go-types.ts';
import type { JsonEntry, JsonNode } from './json-tree.ts';
import { isRead, optionFor, type ValueType } from './options/index.ts';
import { runsWhere } from './release-sets.ts';

const SHAPE: Record<ValueType, Bilingual> = {
  bool: { en: '`true` or `false`, without quotes', zh: '不带引号的 `true` 或 `false`' },
  int: { en: 'a whole number, without quotes', zh: '不带引号的整数' },
  int64: { en: 'a whole number, without quotes', zh: '不带引号的整数' },
  string: { en: 'a string in double quotes', zh: '双引号字符串' },
  ip: { en: 'one IP address in double quotes', zh: '双引号里的一个 IP 地址' },
  ips: { en: 'a list of IP addresses, `["…"]`', zh: 'IP 地址列表 `["…"]`' },
  strings: { en: 'a list of strings, `["…"]`, even for a single item', zh: '字符串列表 `["…"]`，只有一项也要写成列表' },
  stringMap: { en: 'an object whose values are all strings (`"3"`, not `3`)', zh: '对象，值全部是字符串（写 `"3"`，不写 `3`）' },
  boolMap: { en: 'an object of `true`/`false` values', zh: '值为 `true`/`false` 的对象' },
  stringMapMap: { en: 'an object of objects of strings', zh: '对象套对象，最里面的值是字符串' },
  pools: { en: 'a list `[{ "base": "10.10.0.0/16", "size": 24 }]`, with `size` a number', zh: '列表 `[{ "base": "10.10.0.0/16", "size": 24 }]`，其中 `size` 是数字' },
  bytes: { en: 'a size in quotes, such as `"64M"`', zh: '带引号的大小，例如 `"64M"`' },
  object: { en: 'an object `{ … }`', zh: '对象 `{ … }`' },
};

function typeFindings(entry: JsonEntry, order: number): Finding[] {
  const spec = optionFor(entry.key);
  if (!spec) return [];
  const errors = goTypeErrors(entry.value as JsonNode, entry.key, spec.type);
  const first = errors.find((e) => e.stops) ?? errors[0];
  if (!first) return [];
  return runsWhere((r) => isRead(entry.key, r)).map((run) => ({
    key: entry.key,
    stage: STAGE.types,
    at: first.at,
    order: first.stops ? order : order + 1_000,
    refusedBy: run,
    text: join(
      { en: `\`${entry.key}\` must be ${SHAPE[spec.type].en}.`, zh: `\`${entry.key}\` 必须是${SHAPE[spec.type].zh}。` },
      first.exact === false ? { en: 'dockerd refuses to start.', zh: 'dockerd 会拒绝启动。' } : refusal(first.words),
    ),
    ...(first.exact === false ? {} : { dockerd: first.words }),
  }));
}

/** Every occurrence counts: Go decodes a repeated key each time it meets it. */
export function checkTypes(entries: readonly JsonEntry[]): Finding[] {
  return entries.flatMap((entry, i) => typeFindings(entry, i));
}
