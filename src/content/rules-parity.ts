/**
 * Parity (README "Both languages say the same thing"): per topic, the command lines of console
 * blocks, flags, addresses and numbers of two or more digits must appear in both languages,
 * unless the file that has the extra token lists it under `language_specific`.
 */
import { consoleBlocks } from './console-blocks.ts';
import { lineTokens, type TokenKind } from './code-tokens.ts';
import type { ContentProblem } from './loader.ts';
import type { LanguageSpecific, Topic, TopicDoc } from './topic.ts';

export interface ParityToken {
  readonly kind: TokenKind;
  readonly value: string;
  readonly line: number;
}

/** A command without its trailing `# comment` (comments are prose, and translated). */
export function stripShellComment(command: string): string {
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(command[i - 1]!))) return command.slice(0, i).trim();
  }
  return command.trim();
}

/** Every parity token of a doc (title, summary, body), first occurrence wins. */
export function parityTokens(doc: TopicDoc, frontMatterLine: (key: string) => number): Map<string, ParityToken> {
  const tokens = new Map<string, ParityToken>();
  const add = (kind: TokenKind, value: string, line: number) => {
    const key = kind === 'command' ? `$ ${value}` : value;
    if (!tokens.has(key)) tokens.set(key, { kind, value, line });
  };
  for (const t of lineTokens(doc.title)) add(t.kind, t.value, frontMatterLine('title:'));
  for (const t of lineTokens(doc.summary)) add(t.kind, t.value, frontMatterLine('summary:'));
  doc.body.split('\n').forEach((text, i) => {
    // A `# comment` after a command is prose: translated, so not compared.
    const code = /^\$ /.test(text) ? stripShellComment(text) : text;
    for (const t of lineTokens(code)) add(t.kind, t.value, doc.bodyLine + i);
  });
  for (const block of consoleBlocks(doc.body, doc.bodyLine)) {
    for (const command of block.commands) add('command', stripShellComment(command.text), command.line);
  }
  return tokens;
}

function boundedIncludes(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + needle.length] ?? ' ';
    if (!/[\w.:-]/.test(before) && !/[\w:-]/.test(after.replace(/\.(?!\w)/, ' '))) return true;
  }
  return false;
}

/** Whether a `language_specific` entry covers a token: the same text, or one inside the other. */
export function excuses(entry: LanguageSpecific, token: ParityToken): boolean {
  const text = entry.text.replace(/^\$ /, '').trim();
  return token.value === text || token.value.includes(text) || boundedIncludes(text, token.value);
}

const KIND_NAME: Record<TokenKind, string> = { command: 'command', flag: 'flag', address: 'address', number: 'number' };

/** Parity problems of one topic, reported in the file that has the extra token. */
export function checkParity(topic: Topic, lineOf: (doc: TopicDoc, needle: string) => number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const { en, zh } = topic.docs;
  const tokens = { en: parityTokens(en, (k) => lineOf(en, k)), zh: parityTokens(zh, (k) => lineOf(zh, k)) };
  for (const [lang, other] of [['en', 'zh'], ['zh', 'en']] as const) {
    const doc = topic.docs[lang];
    for (const [key, token] of tokens[lang]) {
      if (tokens[other].has(key)) continue;
      const entry = doc.languageSpecific.find((e) => excuses(e, token));
      if (entry) continue;
      const shown = token.kind === 'command' ? `$ ${token.value}` : token.value;
      problems.push({
        file: doc.file,
        line: token.line,
        rule: 'parity',
        message: `${KIND_NAME[token.kind]} \`${shown}\` appears in ${lang} but not in ${other} (${topic.id}): state it in ${other} too, or list it under \`language_specific\` with a reason`,
      });
    }
    const text = `${doc.title}\n${doc.summary}\n${doc.body}`;
    for (const entry of doc.languageSpecific) {
      if (!text.includes(entry.text.replace(/^\$ /, ''))) {
        problems.push({
          file: doc.file,
          line: lineOf(doc, entry.text),
          rule: 'language-specific-stale',
          message: `\`language_specific\` entry “${entry.text}” does not appear in this file any more: remove it`,
        });
      }
    }
  }
  return problems;
}
