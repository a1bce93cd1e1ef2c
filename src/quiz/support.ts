/**
 * How a quiz item is checked against its topic: text compared without Markdown, case or spacing
 * differences, and the shape of each choice, so that a distractor looks like the answer.
 */

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';

/**
 * Text as a reader sees it, for "does the topic say this?": no backticks, emphasis or link syntax,
 * NFKC (full-width punctuation folded), lower case, single spaces, and no spaces next to Chinese
 * characters (一个 `lo` and 一个lo read the same).
 */
export function readerText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/[`*_]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, 'g'), '')
    .trim();
}

/** The topic's words a quote may come from: its summary and its body, console commands included. */
export function topicReaderText(doc: { readonly summary: string; readonly body: string }): string {
  return readerText(`${doc.summary}\n${doc.body}`);
}

/** The `code` spans of a text, in order: what must read the same in both languages. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
}

/** A quote long enough to be a sentence or a clause, or a shell command. */
export function isSentenceOrCommand(quote: string): boolean {
  const t = readerText(quote);
  return /^\$ |^docker /.test(t) || [...t].length >= 16;
}

export type ChoiceShape = 'code' | 'number' | 'text';

/** A choice that is one code span (`-p 8080:80`), a number, or words. */
export function choiceShape(choice: string): ChoiceShape {
  const trimmed = choice.trim();
  if (/^`[^`]+`$/.test(trimmed)) return 'code';
  if (/^[\d.,/:%\s]+$/.test(trimmed)) return 'number';
  return 'text';
}

/** Choices that give the game away rather than test anything. */
export const GIVEAWAY = /all of the above|none of the above|both of the above|以上都|以上皆|都不对|都对/i;

/** Length as a reader perceives it: a Chinese character counts twice, like a short word. */
export function visibleLength(text: string): number {
  return [...readerText(text)].reduce((n, ch) => n + (new RegExp(`[${CJK}]`).test(ch) ? 2 : 1), 0);
}
