/**
 * Runs one slash command's own handler outside Discord, for the console and `netlab <command>`:
 * options checked against the command's definition exactly as for an interaction, the answer
 * (and any interim states, like a queue position) handed back to the caller to render.
 */
import type { Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import type { Surface } from '../commands/context.ts';
import { readOptions, type RawOption } from '../commands/options.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import type { Lang } from '../i18n.ts';

export interface LocalDeps {
  readonly library: Library;
  readonly sandbox: Sandbox;
}

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

/** The command's final answer; rejects with whatever the handler (or the option check) threw. */
export async function runLocalCommand(deps: LocalDeps, run: LocalRun): Promise<Answer> {
  const options = readOptions(run.command.data, run.options);
  let final: Answer | undefined;
  await run.command.execute({
    lang: run.lang,
    surface: run.surface,
    userId: run.surface,
    options,
    library: deps.library,
    sandbox: deps.sandbox,
    ...(run.signal ? { signal: run.signal } : {}),
    defer: async () => undefined,
    progress: async (answer) => run.onProgress?.(answer),
    reply: async (answer) => {
      final = answer;
    },
  });
  if (!final) throw new Error(`/${run.command.data.name} finished without an answer`);
  return final;
}

/** Options as a map of name → value, typed from the command's definition. */
export function rawOptions(command: Command, values: Readonly<Record<string, string | boolean | undefined>>): RawOption[] {
  return (command.data.options ?? []).flatMap((def) => {
    const value = values[def.name];
    return value === undefined ? [] : [{ name: def.name, type: def.type, value }];
  });
}
