/** Renders an Answer for a terminal: Discord Markdown made plain, with ANSI styling on a TTY. */
import { isPicture, type ActionButton, type Answer } from '../answer.ts';
import type { Surface } from '../commands/context.ts';
import { colon, commandLine } from '../commands/ui-text.ts';
import type { Lang } from '../i18n.ts';

export interface TerminalStyle {
  readonly color: boolean;
}

const ansi = (code: string, on: boolean) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export function plainMarkdown(text: string, style: TerminalStyle): string {
  const bold = ansi('1', style.color);
  const dim = ansi('2', style.color);
  const code_ = ansi('36', style.color);
  const out: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`  ${dim(line)}`);
      continue;
    }
    out.push(
      line
        .replace(/\[([^\]]+)\]\(<?([^)>]+)>?\)/g, '$1 ($2)')
        .replace(/<(https?:[^>]+)>/g, '$1')
        .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => bold(t))
        // Inline code: coloured on a terminal (the backticks go), kept as typed otherwise.
        .replace(/`([^`\n]+)`/g, (whole, code: string) => (style.color ? code_(code) : whole))
        .replace(/(^|[^*\\])\*([^*\s][^*]*)\*/g, '$1$2')
        .replace(/\\([\\*_~|`])/g, '$1')
        .replace(/@\u200b/g, '@'),
    );
  }
  return out.join('\n');
}

const BUTTON_HINT: Record<Lang, string> = { en: '(type a number to press it)', zh: '（输入编号即可按下）' };

/** `[1] [2] [3]` for numbered choices, `[1] Delete everything  [2] Cancel` otherwise. */
export function consoleButtons(buttons: readonly ActionButton[]): string {
  return buttons.map((b, i) => (b.label === String(i + 1) ? `[${i + 1}]` : `[${i + 1}] ${b.label}`)).join('  ');
}

export function renderForTerminal(answer: Answer, lang: Lang, style: TerminalStyle, surface: Exclude<Surface, 'discord'> = 'console'): string {
  const bold = ansi('1', style.color);
  const accent = ansi(answer.tone === 'warn' || answer.tone === 'error' ? '33' : '36', style.color);
  const parts: string[] = [];
  if (answer.title) parts.push(accent(bold(answer.title)));
  if (answer.body) parts.push(plainMarkdown(answer.body, style));
  for (const field of answer.fields ?? []) parts.push(`${bold(field.name)}\n${plainMarkdown(field.value, style)}`);
  // A picture prints as the same diagram drawn in characters.
  for (const file of answer.attachments ?? []) parts.push(`${bold(`── ${file.name} ──`)}\n${(isPicture(file) ? file.ascii : file.content).trimEnd()}`);
  if (answer.links?.length) {
    const label = (answer.lang ?? lang) === 'zh' ? '相关主题' : 'Related';
    parts.push(`${bold(label)}${colon(answer.lang ?? lang)}${answer.links.map((l) => commandLine(surface, 'learn', l.topicId)).join('  ')}`);
  }
  if (surface === 'console' && answer.buttons?.length) parts.push(`${bold(consoleButtons(answer.buttons))}  ${ansi('2', style.color)(BUTTON_HINT[lang])}`);
  if (answer.footer) parts.push(ansi('2', style.color)(answer.footer));
  return `${parts.join('\n\n')}\n`;
}
