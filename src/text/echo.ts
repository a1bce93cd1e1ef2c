/**
 * Member input shown back to members (an unknown topic's name, an option's value, a mistyped
 * command): stripped of what could disguise or break the message — control characters, ANSI
 * escape sequences, bidirectional overrides, zero-width characters — cut by code point (never
 * inside a surrogate pair) and set in a code span, so no Markdown or mention in it takes effect.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// C0 and C1 controls (newlines and tabs included), bidi embeddings/overrides/isolates and marks,
// zero-width characters, the BOM, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

// Half a surrogate pair, alone: no character at all, and some clients refuse the message.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The first `max` code points of `text`, never half a surrogate pair; `…` when cut. */
export function sliceCodePoints(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}

/** At most `max` UTF-16 units (Discord's lengths), cut before a surrogate pair rather than inside it. */
export function sliceUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

/** Input made safe to print: invisible and control characters gone, at most `max` code points. */
export function cleanEcho(input: string, max = 40): string {
  return sliceCodePoints(input.replace(ANSI, '').replace(INVISIBLE, ' ').replace(LONE_SURROGATE, '').replace(/\s+/g, ' ').trim(), max);
}

/**
 * A longer text that quotes member input in many places (the daemon.json doctor's report), made
 * safe as a whole: ANSI sequences, invisible and control characters and lone surrogates go, new
 * lines stay. Curated text has none of them, so only what the member typed changes.
 */
export function stripInvisible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(ANSI, '').replace(/[^\S\n]*\n[^\S\n]*/g, '\n').replace(/(?!\n)[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, '').replace(LONE_SURROGATE, '');
}

/** Input quoted for a chat or terminal message: cleaned, in a code span (backticks inside become ˋ). */
export function quoteInput(input: string, max = 40): string {
  return `\`${cleanEcho(input, max).replace(/`/g, 'ˋ') || ' '}\``;
}
