/** Names the usual slip behind a Go JSON syntax error, from the character and the context. */
import type { Bilingual } from '../errors.ts';
import { lineColumn } from './json-tree.ts';

/** The last line before `at` that has something on it. */
function previousLine(text: string, at: number): number {
  const before = text.slice(0, at).trimEnd();
  return lineColumn(text, before.length).line;
}

export function syntaxHint(text: string, at: number, message: string): Bilingual {
  const c = text[at] ?? '';
  const quotes = '“”‘’';
  if (at === 0 && c === '\ufeff') {
    return {
      en: 'The file starts with an invisible byte order mark (BOM), as Windows Notepad saves UTF-8; Engine 23.0 and later skip it, 20.10 does not. Save it as UTF-8 without BOM.',
      zh: '文件开头有一个看不见的字节顺序标记（BOM），Windows 记事本保存 UTF-8 时会加上；Engine 23.0 及以后的版本会跳过它，20.10 不会。请另存为不带 BOM 的 UTF-8。',
    };
  }
  if (c !== '' && quotes.includes(c)) {
    return {
      en: 'Typographic quotes (“ ” or ‘ ’), usually copied from a web page or a chat: JSON needs plain double quotes `"`.',
      zh: '这里用了中文或排版引号（“ ” 或 ‘ ’），通常是从网页或聊天记录里复制来的；JSON 只认英文双引号 `"`。',
    };
  }
  if (c === "'") return { en: 'JSON strings and keys need double quotes `"`, not single quotes.', zh: 'JSON 的键和字符串要用双引号 `"`，不能用单引号。' };
  if (c === '/' || c === '#') return { en: 'JSON has no comments: delete this line.', zh: 'JSON 不支持注释：删掉这一行。' };
  if (message.startsWith('unexpected')) {
    return { en: 'The file ends too early: a closing `}`, `]` or `"` is missing.', zh: '文件提前结束了：缺少收尾的 `}`、`]` 或 `"`。' };
  }
  if (message.endsWith('after top-level value')) {
    return {
      en: 'There is more after the closing `}`: put every key into one single `{ … }` object.',
      zh: '最外层的 `}` 后面还有内容：所有配置项都要写在同一个 `{ … }` 对象里。',
    };
  }
  if (message.endsWith('after object key:value pair') || message.endsWith('after array element')) {
    const line = previousLine(text, at);
    return { en: `A comma is missing, probably at the end of line ${line}.`, zh: `缺少逗号，多半是在第 ${line} 行末尾。` };
  }
  if (message.endsWith('after object key')) return { en: 'A colon `:` is missing after the key.', zh: '键后面缺少冒号 `:`。' };
  if ((c === '}' || c === ']') && message.includes('looking for beginning')) {
    return {
      en: `A comma before \`${c}\` with nothing after it: JSON allows no trailing comma.`,
      zh: `\`${c}\` 前面多了一个逗号：JSON 不允许末尾多余的逗号。`,
    };
  }
  if (message.includes('looking for beginning of object key string')) {
    return { en: 'Every key needs double quotes: `"key": value`.', zh: '每个键都要加双引号：`"key": value`。' };
  }
  if (/^[TFN]/.test(c)) return { en: 'JSON writes `true`, `false` and `null` in lower case.', zh: 'JSON 里的 `true`、`false`、`null` 必须小写。' };
  if (message.includes('in string escape code')) {
    return { en: 'A backslash inside a string: write `\\\\` or use `/`.', zh: '字符串里有反斜杠：写成 `\\\\`，或者改用 `/`。' };
  }
  if (message.includes('in string literal')) return { en: 'A string may not contain a line break or a tab.', zh: '字符串里不能有换行或制表符。' };
  return {
    en: 'A value must be a string in double quotes, a number, `true`, `false`, `null`, a list `[ ]` or an object `{ }`.',
    zh: '值必须是双引号字符串、数字、`true`、`false`、`null`、列表 `[ ]` 或对象 `{ }`。',
  };
}
