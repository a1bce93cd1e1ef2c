/** One line per key of the file, in the member's language: what it does, or why dockerd does not read it. */
import type { Bilingual } from '../errors.ts';
import type { JsonEntry } from './json-tree.ts';
import { acceptedRange, ignoredNameFor, optionFor } from './options/index.ts';
import { describeRange, NEWEST, OLDEST, type ReleaseRange } from './releases.ts';

export interface KeyExplanation {
  readonly key: string;
  readonly text: Bilingual;
  /** A key dockerd reads (as opposed to unknown or ignored ones). */
  readonly known: boolean;
}

function explainOne(key: string): KeyExplanation {
  const spec = optionFor(key);
  if (spec) {
    const r: ReleaseRange = acceptedRange(key) ?? { from: OLDEST, to: NEWEST };
    const limited = r.from !== OLDEST || r.to !== NEWEST;
    const when = describeRange(r);
    return {
      key,
      known: true,
      text: limited ? { en: `${spec.explain.en} (${when.en}.)`, zh: `${spec.explain.zh}（${when.zh}。）` } : spec.explain,
    };
  }
  const alias = ignoredNameFor(key);
  if (alias) {
    return {
      key,
      known: false,
      text: alias.use
        ? { en: `A command-line flag’s name, ignored in this file: the key is \`${alias.use}\`.`, zh: `这是命令行参数的名字，在这个文件里会被忽略：应写成 \`${alias.use}\`。` }
        : { en: 'A command-line flag’s name; it does nothing in this file.', zh: '这是命令行参数的名字，在这个文件里不起作用。' },
    };
  }
  return { key, known: false, text: { en: 'Not a dockerd option.', zh: '不是 dockerd 的配置项。' } };
}

export function explainKeys(entries: readonly JsonEntry[]): KeyExplanation[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.key) && seen.add(e.key)).map((e) => explainOne(e.key));
}
