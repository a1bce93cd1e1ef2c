/**
 * The one dispatcher: looks the command up in the registry, checks its options, runs the handler
 * with a CommandContext and answers through the Responder. A UserError becomes a friendly
 * ephemeral message; anything else is logged (command, interaction id) and the member sees one
 * calm line. Nothing a handler throws escapes. One log line per interaction.
 */
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import type { CommandContext } from '../commands/context.ts';
import { readOptions, type RawOption } from '../commands/options.ts';
import { UI } from '../commands/ui-text.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import { isUserError, UserError } from '../errors.ts';
import { langFromLocale, type Lang } from '../i18n.ts';
import { DISCORD, SNOWFLAKE } from '../limits.ts';
import type { Logger } from '../log.ts';
import { readsTraditional, traditionalChoices } from '../text/traditional.ts';
import { Responder } from './responder.ts';

export interface DispatcherDeps {
  readonly commands: ReadonlyMap<string, Command>;
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly logger: Logger;
}

const unknownCommand = new UserError('unknown-command', {
  en: 'I do not know that command. Try /ask, /learn, /modes, /demo or /networks.',
  zh: '我不认识这个命令。可以试试 /ask、/learn、/modes、/demo 或 /networks。',
});
const shuttingDown = new UserError('shutting-down', {
  en: 'netlab is restarting; please try again in a minute.',
  zh: 'netlab 正在重启，请一分钟后再试。',
});

/** Buttons carry no slash-command options. */
const NO_OPTIONS: CommandContext['options'] = { string: () => undefined, boolean: () => undefined };

export function errorAnswer(error: unknown, lang: Lang): Answer {
  return isUserError(error)
    ? { body: error.messageFor(lang), tone: 'warn' }
    : { body: UI.genericError[lang], tone: 'error' };
}

export class Dispatcher {
  private draining = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: DispatcherDeps) {}

  /** Entry point for `interactionCreate`; never rejects. */
  handle(interaction: Interaction): Promise<void> {
    const task = this.route(interaction).catch((error: unknown) => {
      this.deps.logger.error({ err: error, interactionId: interaction.id }, 'interaction failed outside a handler');
    });
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    return task;
  }

  /** Stops taking interactions and waits for the ones in flight. */
  async drain(): Promise<void> {
    this.draining = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isButton()) return this.button(interaction);
    if (interaction.isRepliable()) {
      await interaction.reply({ content: unknownCommand.messageFor(langFromLocale(interaction.locale)), flags: 'Ephemeral', allowedMentions: { parse: [] } });
    }
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = Date.now();
    const lang = langFromLocale(interaction.locale);
    const raw = interaction.options.data as readonly RawOption[];
    const hide = raw.find((o) => o.name === 'hide')?.value === true;
    const mention = raw.find((o) => o.name === 'mention')?.value;
    const responder = new Responder(interaction, {
      hide,
      mention: typeof mention === 'string' && SNOWFLAKE.test(mention) ? mention : undefined,
      traditional: readsTraditional(interaction.locale),
    });
    const command = this.deps.commands.get(interaction.commandName);
    await this.run(responder, lang, { kind: 'command', name: interaction.commandName, interaction, started }, async () => {
      if (this.draining) throw shuttingDown;
      if (!command) throw unknownCommand;
      const options = readOptions(command.data, raw);
      if (command.defers) await responder.defer();
      await command.execute(this.context(interaction, lang, responder, { options }));
    });
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const started = Date.now();
    const lang = langFromLocale(interaction.locale);
    const [name = '', argument = ''] = interaction.customId.split(/:(.*)/s);
    const command = this.deps.commands.get(name);
    // Topic buttons answer only the member who clicked, so a busy channel is not flooded.
    const responder = new Responder(interaction, { hide: true, traditional: readsTraditional(interaction.locale) });
    await this.run(responder, lang, { kind: 'button', name: `${name}:button`, interaction, started }, async () => {
      if (this.draining) throw shuttingDown;
      if (!command?.button || argument.length === 0 || interaction.customId.length > DISCORD.customIdMax) throw unknownCommand;
      await command.button({ ...this.context(interaction, lang, responder, {}), argument });
    });
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = Date.now();
    const lang = langFromLocale(interaction.locale);
    const command = this.deps.commands.get(interaction.commandName);
    let outcome = 'ok';
    try {
      const focused = interaction.options.getFocused(true);
      const value = typeof focused.value === 'string' ? focused.value : String(focused.value);
      const choices = command?.autocomplete?.({ lang, surface: 'discord', library: this.deps.library, focused: { name: focused.name, value } }) ?? [];
      const shown = choices.slice(0, DISCORD.autocompleteChoicesMax).map((c) => ({ name: c.name, value: c.value }));
      await interaction.respond(readsTraditional(interaction.locale) ? await traditionalChoices(shown) : shown);
    } catch (error) {
      outcome = 'error';
      this.deps.logger.error({ err: error, command: interaction.commandName, interactionId: interaction.id }, 'autocomplete failed');
      await interaction.respond([]).catch(() => undefined);
    } finally {
      this.deps.logger.info({ kind: 'autocomplete', command: interaction.commandName, userId: interaction.user.id, latencyMs: Date.now() - started, outcome }, 'interaction');
    }
  }

  private context(interaction: ChatInputCommandInteraction | ButtonInteraction, lang: Lang, responder: Responder, extra: Partial<CommandContext>): CommandContext {
    return {
      lang,
      surface: 'discord',
      userId: interaction.user.id,
      options: extra.options ?? NO_OPTIONS,
      library: this.deps.library,
      sandbox: this.deps.sandbox,
      defer: () => responder.defer(),
      progress: (answer) => responder.progress(answer),
      reply: (answer) => responder.reply(answer),
    };
  }

  private async run(
    responder: Responder,
    lang: Lang,
    meta: { kind: string; name: string; interaction: Interaction; started: number },
    body: () => Promise<void>,
  ): Promise<void> {
    let outcome = 'ok';
    try {
      await body();
    } catch (error) {
      outcome = isUserError(error) ? `user_error:${error.id}` : 'error';
      if (!isUserError(error)) {
        this.deps.logger.error({ err: error, command: meta.name, interactionId: meta.interaction.id }, 'command failed');
      }
      await responder.fail(errorAnswer(error, lang)).catch((sendError: unknown) => {
        this.deps.logger.warn({ err: sendError, command: meta.name, interactionId: meta.interaction.id }, 'could not send the error reply');
      });
    } finally {
      responder.dispose();
      this.deps.logger.info(
        { kind: meta.kind, command: meta.name, userId: meta.interaction.user.id, interactionId: meta.interaction.id, latencyMs: Date.now() - meta.started, outcome },
        'interaction',
      );
    }
  }
}
