/**
 * What a command handler receives. Handlers never touch Discord or dockerode: they read typed
 * options, use the library and the sandbox, and hand a plain Answer to `reply`. The Discord
 * dispatcher and the local console each provide this context.
 */
import type { Answer } from '../answer.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import type { Lang } from '../i18n.ts';

export interface CommandOptions {
  /** A string option; undefined when absent. Type mismatches are refused before the handler runs. */
  string(name: string): string | undefined;
  boolean(name: string): boolean | undefined;
}

/** Where the member is: Discord, the local console, or a shell running `netlab <command>`. */
export type Surface = 'discord' | 'console' | 'shell';

export interface CommandContext {
  readonly lang: Lang;
  readonly surface: Surface;
  readonly userId: string;
  /** The Discord server and channel asked from; undefined in DMs, the console and the CLI. */
  readonly guildId?: string | undefined;
  readonly channelId?: string | undefined;
  readonly options: CommandOptions;
  readonly library: Library;
  readonly sandbox: Sandbox;
  /** Fires when the member gave up waiting (the console's Ctrl-C): long work stops. */
  readonly signal?: AbortSignal;
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
}
