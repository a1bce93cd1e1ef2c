/**
 * Runs one slash command's own handler outside Discord, for the console and `netlab <command>`:
 * options checked against the command's definition exactly as for an interaction, the answer
 * (and any interim states, like a queue position) handed back to the caller to render.
 */
import type { Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import type { ButtonContext, CommandContext, Surface } from '../commands/context.ts';
import { readOptions, type RawOption } from '../commands/options.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import type { Lang } from '../i18n.ts';
import type { Store } from '../store/store.ts';

export interface LocalDeps {
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly store: Store;
}

/** The one member at the keyboard: the same records in the console and the shell. */
export const LOCAL_USER = 'local';

export interface LocalRun {
  readonly command: Command;
  readonly options: readonly RawOption[];
  readonly lang: Lang;
  readonly surface: Exclude<Surface, 'discord'>;
  /** Called with an interim state while the command works (a queue position). */
  readonly onProgress?: (answer: Answer) => void;
  /** Fires when the member gave up (Ctrl-C in the console): a demo stops and cleans up. */
  readonly signal?: AbortSignal;
}

type LocalContext = Omit<CommandContext, 'options'>;

/** What a handler gets outside Discord, plus `extra`; the answers it hands over land in `answers`. */
function localContext<T extends object>(deps: LocalDeps, run: Omit<LocalRun, 'command' | 'options'>, answers: Answer[], extra: T): Omit<LocalContext, 'store'> & T {
  const context = {
    lang: run.lang,
    surface: run.surface,
    userId: LOCAL_USER,
    guildId: undefined,
    channelId: undefined,
    canManageServer: true,
    library: deps.library,
    sandbox: deps.sandbox,
    ...(run.signal ? { signal: run.signal } : {}),
    defer: async () => undefined,
    progress: async (answer: Answer) => run.onProgress?.(answer),
    reply: async (answer: Answer) => void answers.push(answer),
    ...extra,
  };
  // Read on use: a command that keeps nothing never opens (or creates) the database.
  return Object.defineProperty(context, 'store', { get: () => deps.store, enumerable: true });
}

/** The command's final answer; rejects with whatever the handler (or the option check) threw. */
export async function runLocalCommand(deps: LocalDeps, run: LocalRun): Promise<Answer> {
  const options = readOptions(run.command.data, run.options);
  const answers: Answer[] = [];
  await run.command.execute(localContext(deps, run, answers, { options }) as CommandContext);
  const final = answers.at(-1);
  if (!final) throw new Error(`/${run.command.data.name} finished without an answer`);
  return final;
}

/** A button pressed outside Discord (the console, `netlab quiz --answer`): the command's own button handler. */
export async function runLocalButton(deps: LocalDeps, run: Omit<LocalRun, 'options'> & { readonly argument: string }): Promise<Answer> {
  if (!run.command.button) throw new Error(`/${run.command.data.name} has no buttons`);
  const answers: Answer[] = [];
  const update = async (answer: Answer) => void answers.push(answer);
  await run.command.button(localContext(deps, run, answers, { argument: run.argument, update }) as ButtonContext);
  const final = answers.at(-1);
  if (!final) throw new Error(`/${run.command.data.name}'s button finished without an answer`);
  return final;
}

/** Options as a map of name → value, typed from the command's definition. */
export function rawOptions(command: Command, values: Readonly<Record<string, string | boolean | undefined>>): RawOption[] {
  return (command.data.options ?? []).flatMap((def) => {
    const value = values[def.name];
    return value === undefined ? [] : [{ name: def.name, type: def.type, value }];
  });
}
