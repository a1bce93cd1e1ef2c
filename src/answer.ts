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

/** Long raw output (for example a full `ip addr`) sent as a text file. */
export interface TextAttachment {
  readonly name: string;
  readonly content: string;
}

/** A picture (a PNG) with its stand-ins: the same drawing in ASCII for a terminal, alt text for Discord. */
export interface PictureAttachment {
  readonly name: string;
  readonly png: Uint8Array;
  /** What a terminal prints instead of the picture: the same diagram drawn in characters. */
  readonly ascii: string;
  /** Alt text (Discord's attachment description, at most DISCORD.attachmentDescriptionMax). */
  readonly description: string;
}

export type AnswerAttachment = TextAttachment | PictureAttachment;

export const isPicture = (attachment: AnswerAttachment): attachment is PictureAttachment => 'png' in attachment;

/** A button that opens another topic (`/learn <topicId>`). */
export interface TopicLink {
  readonly label: string;
  readonly topicId: string;
}

/**
 * A button handled by a command's own `button` handler: Discord sends back the custom id
 * `<command>:<argument>`, the console lets the member type its label or number.
 */
export interface ActionButton {
  readonly label: string;
  readonly command: string;
  readonly argument: string;
  readonly style?: 'primary' | 'secondary' | 'success' | 'danger';
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
  /** Buttons before the topic links: quiz choices, a confirmation. */
  readonly buttons?: readonly ActionButton[];
  /** Files sent with the answer: long raw output rather than inline, and pictures. */
  readonly attachments?: readonly AnswerAttachment[];
  /** Only the member who asked sees it (a confirmation about themselves), unless a public reply is already out. */
  readonly private?: boolean;
  /** The same answer for scripts: what `netlab <command> --json` prints. Never sent to Discord. */
  readonly data?: unknown;
}
