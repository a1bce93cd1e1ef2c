/**
 * What a command handler receives. Handlers never touch Discord or dockerode: they read typed
 * options, use the library and the sandbox, and hand a plain Answer to `reply`. The Discord
 * dispatcher and the local console each provide this context.
 */
import type { Answer } from '../answer.ts';
import type { AttachmentRef } from './options.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import type { Lang } from '../i18n.ts';
import type { Member, Store } from '../store/store.ts';

export interface CommandOptions {
  /** A string option; undefined when absent. Type mismatches are refused before the handler runs. */
  string(name: string): string | undefined;
  boolean(name: string): boolean | undefined;
  attachment(name: string): AttachmentRef | undefined;
}

/** A form the member fills in: a modal in Discord. Its submission comes back to the command's submit(). */
export interface Form {
  /** After the command's prefix in the submission's custom id. */
  readonly id: string;
  readonly title: string;
  readonly fields: readonly {
    readonly id: string;
    readonly label: string;
    readonly style: 'short' | 'paragraph';
    readonly required: boolean;
    readonly maxLength: number;
    readonly placeholder?: string;
  }[];
}

/** Where the member is: Discord, the local console, or a shell running `netlab <command>`. */
export type Surface = 'discord' | 'console' | 'shell';

export interface CommandContext {
  readonly lang: Lang;
  readonly surface: Surface;
  readonly userId: string;
  /** The Discord server; undefined in direct messages, the console and the shell. */
  readonly guildId: string | undefined;
  /** The channel the member used the command in; undefined outside Discord. */
  readonly channelId: string | undefined;
  /** Whether the member holds Manage Server there (the local member owns their install: true). */
  readonly canManageServer: boolean;
  readonly options: CommandOptions;
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly store: Store;
  /** Fires when the member gave up waiting (the console's Ctrl-C): long work stops. */
  readonly signal?: AbortSignal;
  /** Discord only: shows a form (a modal) as the first response, instead of an answer. */
  readonly openForm?: (form: Form) => Promise<void>;
  /** Discord only: the text of a file the member attached, from Discord's own file host, size-capped. */
  readonly fetchAttachment?: (file: AttachmentRef, maxBytes: number) => Promise<string>;
  /** Acknowledges now (Discord allows 3 s); the answer may follow later. */
  defer(): Promise<void>;
  /** Shows an interim state (e.g. a queue position) while deferred. */
  progress(answer: Answer): Promise<void>;
  /** Sends the final answer. */
  reply(answer: Answer): Promise<void>;
}

export interface AutocompleteContext {
  readonly lang: Lang;
  readonly surface: Surface;
  readonly library: Library;
  readonly focused: { readonly name: string; readonly value: string };
}

export interface ButtonContext extends Omit<CommandContext, 'options'> {
  /** The part of the custom id after the command's prefix, e.g. `mode-none` for `learn:mode-none`. */
  readonly argument: string;
  /** Replaces the message the button sits on (a quiz question by its result); elsewhere the same as reply. */
  update(answer: Answer): Promise<void>;
}

export interface SubmitContext extends Omit<CommandContext, 'options'> {
  /** The part of the form's custom id after the command's prefix. */
  readonly argument: string;
  /** What the member typed, by field id ('' for an empty optional field). */
  readonly fields: Readonly<Record<string, string>>;
}

/** Who the store keeps records for: the member, per server (`dm` in direct messages, `local` outside Discord). */
export function memberOf(ctx: Pick<CommandContext, 'guildId' | 'surface' | 'userId'>): Member {
  return { scope: ctx.guildId ?? (ctx.surface === 'discord' ? 'dm' : 'local'), userId: ctx.userId };
}

/** Notes a topic read or a demo run for /progress. The shell keeps no such notes: `netlab ask --stdin` is for scripts. */
export function recordActivity(ctx: Pick<CommandContext, 'guildId' | 'surface' | 'userId' | 'store'>, kind: 'read' | 'demo', subject: string): void {
  if (ctx.surface === 'shell') return;
  ctx.store.activity.record(memberOf(ctx), kind, subject);
}
