/**
 * Chinese that reads like Chinese (README "Chinese: one term per concept" and "Typography"):
 * the glossary's rejected variants, “” quotes, the —— dash, full-width punctuation after Chinese
 * text and a space between Chinese and Latin letters or digits, in prose outside code. UI strings
 * in src/**\/*.ts are held to the glossary and the quote style.
 */
import { fencedBlocks } from './console-blocks.ts';
import { rejectedTerms } from './glossary.ts';
import type { ContentProblem } from './loader.ts';
import type { TopicDoc } from './topic.ts';

const HAN = '\\p{Script=Han}';
/** Stands in for an inline code span, so that spacing around code is checked but its content is not. */
const CODE = '\u0001';

/** Prose of one line: inline code collapsed to a marker, link targets and emphasis markers removed. */
export function proseOf(line: string): string {
  return line
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, CODE)
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<https?:[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])/g, '')
    .replace(/[[\]]/g, '');
}

interface TypographyRule {
  readonly rule: string;
  readonly pattern: RegExp;
  readonly message: (found: string) => string;
}

const TYPOGRAPHY: readonly TypographyRule[] = [
  {
    rule: 'zh-quotes',
    pattern: new RegExp(`[「」『』]|"(?=${HAN})|(?<=${HAN})"`, 'gu'),
    message: (f) => `use “” for quotes, not ${f === '"' ? 'straight "' : f}`,
  },
  { rule: 'zh-dash', pattern: /(?<!—)—(?!—)/g, message: () => 'the Chinese dash is ——; a lone — is the English em dash' },
  {
    rule: 'zh-punctuation',
    pattern: new RegExp(`(?<=${HAN})[:,;?!()]|[(](?=${HAN})`, 'gu'),
    message: (f) => `use full-width punctuation after Chinese text (${f} → ${{ ':': '：', ',': '，', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' }[f] ?? f})`,
  },
  {
    rule: 'zh-spacing',
    pattern: new RegExp(`${HAN}[A-Za-z0-9${CODE}]|[A-Za-z0-9${CODE}]${HAN}`, 'gu'),
    message: (f) => `put a space between Chinese and Latin letters, digits or code: “${f.replace(CODE, '`…`')}”`,
  },
];

/** Glossary and typography problems of one line of Chinese prose. */
export function chineseLineProblems(text: string): { rule: string; message: string }[] {
  const prose = proseOf(text);
  const problems: { rule: string; message: string }[] = [];
  for (const hit of rejectedTerms(prose)) problems.push({ rule: 'zh-term', message: `“${hit.found}” → use ${hit.use} (glossary)` });
  for (const { rule, pattern, message } of TYPOGRAPHY) {
    const found = [...prose.matchAll(pattern)].map((m) => m[0]);
    if (found.length > 0) problems.push({ rule, message: found.length > 1 ? `${message(found[0]!)} (${found.length} places on this line)` : message(found[0]!) });
  }
  return problems;
}

/** The Chinese rules over a zh doc: title, summary and body prose outside fenced code. */
export function checkChinese(doc: TopicDoc, frontMatterLine: (key: string) => number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (line: number, text: string) => {
    for (const p of chineseLineProblems(text)) problems.push({ file: doc.file, line, ...p });
  };
  at(frontMatterLine('title:'), doc.title);
  at(frontMatterLine('summary:'), doc.summary);
  const fenced = new Set<number>();
  for (const block of fencedBlocks(doc.body, doc.bodyLine)) {
    for (let l = block.line; l <= block.line + block.lines.length + 1; l++) fenced.add(l);
  }
  doc.body.split('\n').forEach((text, i) => {
    const line = doc.bodyLine + i;
    if (!fenced.has(line)) at(line, text);
  });
  return problems;
}

export interface StringLiteral {
  readonly text: string;
  readonly line: number;
}

/**
 * The string and template literals of a TypeScript source, with their first line. Comments and
 * regular expression literals are skipped (a rough scanner: enough for UI text).
 */
export function stringLiterals(source: string): StringLiteral[] {
  const literals: StringLiteral[] = [];
  let line = 1;
  let lastSignificant = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      line += (source.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop - 1;
      continue;
    }
    if (c === '/' && (lastSignificant === '' || /[(,=:[!&|?{};]/.test(lastSignificant))) {
      // A regular expression literal: skip to its closing slash (outside a character class).
      let inClass = false;
      for (i++; i < source.length && source[i] !== '\n'; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        else if (source[i] === '/' && !inClass) break;
      }
      lastSignificant = '/';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const start = line;
      let text = '';
      for (i++; i < source.length && source[i] !== c; i++) {
        if (source[i] === '\\') {
          text += source[i]! + (source[i + 1] ?? '');
          i++;
          continue;
        }
        if (source[i] === '\n') line++;
        text += source[i];
      }
      literals.push({ text, line: start });
      lastSignificant = c;
      continue;
    }
    if (!/\s/.test(c)) lastSignificant = /[\w$]/.test(c) ? 'a' : c;
  }
  return literals;
}

/** Glossary variants and 「」 quotes in the Chinese string literals of one source file. */
export function checkSourceStrings(file: string, source: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const literal of stringLiterals(source)) {
    if (!/\p{Script=Han}/u.test(literal.text)) continue;
    const lineAt = (index: number) => literal.line + (literal.text.slice(0, index).match(/\n/g) ?? []).length;
    for (const hit of rejectedTerms(literal.text)) {
      problems.push({ file, line: lineAt(hit.index), rule: 'zh-term', message: `“${hit.found}” → use ${hit.use} (glossary)` });
    }
    for (const m of literal.text.matchAll(/[「」『』]/g)) {
      problems.push({ file, line: lineAt(m.index), rule: 'zh-quotes', message: `use “” for quotes, not ${m[0]}` });
    }
  }
  return problems;
}
