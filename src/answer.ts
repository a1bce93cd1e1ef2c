/**
 * The plain result every command handler produces. It knows nothing of Discord or terminals:
 * the Discord reply helper turns it into a message payload within Discord's limits, and the
 * console renders it as text.
 */
import type { Lang } from './i18n.ts';

export type Tone = 'info' | 'ok' | 'warn' | 'error';

export interface AnswerField {
  readonly name: string;
  readonly value: string;
  readonly inline?: boolean;
}

export interface AnswerAttachment {
  readonly name: string;
  readonly content: string;
}

/** A button that opens another topic (`/learn <topicId>`). */
export interface TopicLink {
  readonly label: string;
  readonly topicId: string;
}

export interface Answer {
  /** The language it is written in, when the handler chose it (an /ask answer follows its question's language). */
  readonly lang?: Lang;
  readonly title?: string;
  /** Discord-flavoured Markdown. May exceed one message; the renderer splits it at blank lines. */
  readonly body: string;
  readonly fields?: readonly AnswerField[];
  readonly footer?: string;
  readonly tone?: Tone;
  readonly links?: readonly TopicLink[];
  /** Long raw output (for example a full `ip addr`) sent as a file rather than inline. */
  readonly attachments?: readonly AnswerAttachment[];
  /** The same answer for scripts: what `netlab <command> --json` prints. Never sent to Discord. */
  readonly data?: unknown;
}
