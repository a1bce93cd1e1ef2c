/**
 * The plain result every command handler produces. It knows nothing of Discord or terminals:
 * the Discord reply helper turns it into a message payload within Discord's limits, and the
 * console renders it as text.
 */
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
  readonly title?: string;
  /** Discord-flavoured Markdown. May exceed one message; the renderer splits it at blank lines. */
  readonly body: string;
  readonly fields?: readonly AnswerField[];
  readonly footer?: string;
  readonly tone?: Tone;
  readonly links?: readonly TopicLink[];
  /** Buttons before the topic links: quiz choices, a confirmation. */
  readonly buttons?: readonly ActionButton[];
  /** Long raw output (for example a full `ip addr`) sent as a file rather than inline. */
  readonly attachments?: readonly AnswerAttachment[];
  /** Only the member who asked sees it (a confirmation about themselves), unless a public reply is already out. */
  readonly private?: boolean;
  /** The same answer for scripts: what `netlab <command> --json` prints. Never sent to Discord. */
  readonly data?: unknown;
}
