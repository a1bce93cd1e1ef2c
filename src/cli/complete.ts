/**
 * Tab completion in the console: command names, then `/learn` topics and `/demo` scenarios, by
 * prefix first (`/learn mode-n` → `mode-none`, `/demo u` → `user-bridge`) and only when no
 * name starts with what was typed, loosely (`/learn 桥接` → `mode-bridge-default` by its alias,
 * `/demo brige` → `bridge`). Returns what Node's readline completer expects: full lines, and the
 * part of the line they complete (readline replaces it when it is not their prefix).
 */
import type { Library } from '../content/library.ts';
import { SCENARIO_NAMES } from '../demos/registry.ts';
import type { Lang } from '../i18n.ts';
import { closest } from '../text/did-you-mean.ts';

export interface CompletionContext {
  readonly library: Library;
  readonly lang: Lang;
  /** Every console command, without the slash. */
  readonly commands: readonly string[];
}

/** At most this many loose matches: a list longer than a screen helps nobody. */
const LOOSE_MAX = 10;

function byPrefix(word: string, names: readonly string[]): string[] {
  const lower = word.toLowerCase();
  return names.filter((n) => n.toLowerCase().startsWith(lower));
}

/** Topics whose id starts with `word`, else the one it names exactly (an alias), else the library's loose matches. */
function topics(word: string, library: Library, lang: Lang): string[] {
  const ids = library.topics.map((t) => t.id).sort();
  const prefixed = byPrefix(word, ids);
  if (prefixed.length > 0) return prefixed;
  try {
    return [library.resolve(word).id];
  } catch {
    return library
      .autocomplete(word, lang)
      .slice(0, LOOSE_MAX)
      .map((c) => c.value);
  }
}

function scenarios(word: string): string[] {
  const prefixed = byPrefix(word, SCENARIO_NAMES);
  if (prefixed.length > 0) return prefixed;
  const guess = closest(word, SCENARIO_NAMES);
  return guess ? [guess] : SCENARIO_NAMES.filter((s) => s.includes(word.toLowerCase()));
}

export function completeConsoleLine(line: string, ctx: CompletionContext): [string[], string] {
  const argument = /^(\/(learn|demo)\s+(?:topic:|scenario:)?)(.*)$/i.exec(line);
  if (argument) {
    const [, head = '', command = '', word = ''] = argument;
    const names = command.toLowerCase() === 'learn' ? topics(word, ctx.library, ctx.lang) : scenarios(word);
    return [names.map((n) => `${head}${n}`), line];
  }
  if (/\s/.test(line)) return [[], line];
  const names = ctx.commands.map((n) => `/${n}`);
  const prefixed = byPrefix(line.startsWith('/') ? line : `/${line}`, names);
  if (prefixed.length > 0 || line.length < 2) return [prefixed, line];
  const guess = closest(line.replace(/^\//, ''), ctx.commands);
  return [guess ? [`/${guess}`] : [], line];
}
