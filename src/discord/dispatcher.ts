/**
 * The one dispatcher: looks the command up in the registry, checks its options, runs the handler
 * with a CommandContext and answers through the Responder. A UserError becomes a friendly
 * ephemeral message; anything else is logged (command, interaction id) and the member sees one
 * calm line. Nothing a handler throws escapes. One log line per interaction.
 */
import {
  ComponentType,
  InteractionContextType,
  PermissionFlagsBits,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import type { CommandContext, Form } from '../commands/context.ts';
import { readOptions, type RawOption } from '../commands/options.ts';
import { UI } from '../commands/ui-text.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import { isUserError, UserError } from '../errors.ts';
import { langFromLocale, memberLang, type Lang } from '../i18n.ts';
import { DISCORD, PACE, SNOWFLAKE } from '../limits.ts';
import { MentionCooldown, TokenBuckets } from './rate-limit.ts';
import { attachmentReader } from './attachments.ts';
import { sliceUnits } from '../text/echo.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { readsTraditional, traditionalChoices } from '../text/traditional.ts';
import { Responder } from './responder.ts';

/** One handled interaction, for the metrics (src/ops/). */
export interface InteractionEvent {
  readonly kind: 'command' | 'button' | 'form' | 'autocomplete';
  readonly command: string;
  /** ok, user_error:<id> or error, as in the log line. */
  readonly outcome: string;
  readonly latencyMs: number;
  /** From arrival to Discord's acknowledgement (a reply or a defer); undefined if none was sent. */
  readonly ackMs: number | undefined;
}

export interface DispatcherDeps {
  readonly commands: ReadonlyMap<string, Command>;
  /** DISCORD_API_BASE, whose host may serve attachments too (a proxy or a local fake Discord). */
  readonly apiBase?: string | undefined;
  /** A member's burst of commands and the time to earn one more (MEMBER_COMMAND_BURST, …_EVERY_MS). */
  readonly pace?: { readonly capacity: number; readonly refillMs: number };
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly store: Store;
  readonly logger: Logger;
  readonly observe?: (event: InteractionEvent) => void;
}

const unknownCommand = new UserError('unknown-command', {
  en: 'I do not know that command. Try /ask, /learn, /modes, /demo or /networks.',
  zh: '我不认识这个命令。可以试试 /ask、/learn、/modes、/demo 或 /networks。',
});
const guildOnly = new UserError('guild-only', {
  en: 'Live demos run in a server, not in direct messages. Please use this command in your study group’s server.',
  zh: '现场演示只能在服务器里运行，不能在私信里用。请到你们学习小组的服务器里使用这个命令。',
});
const tooFast = (sec: number) =>
  new UserError('rate-limited', {
    en: `You are sending commands faster than netlab answers them. Please wait about ${sec} s.`,
    zh: `你发命令的速度比 netlab 回答得还快，请大约 ${sec} 秒后再试。`,
  });
const shuttingDown = new UserError('shutting-down', {
  en: 'netlab is restarting; please try again in a minute.',
  zh: 'netlab 正在重启，请一分钟后再试。',
});

/** Refusals that mean something is wrong with the sandbox, not with what the member did. */
const ORGANISER_REFUSALS = new Set(['engine-unavailable', 'engine-error', 'demo-image-missing']);

/** Buttons carry no slash-command options. */
const NO_OPTIONS: CommandContext['options'] = { string: () => undefined, boolean: () => undefined, attachment: () => undefined };

export function errorAnswer(error: unknown, lang: Lang): Answer {
  return isUserError(error)
    ? { body: error.messageFor(lang), tone: 'warn' }
    : { body: UI.genericError[lang], tone: 'error' };
}

/** Commands registered for servers only (contexts: Guild): refused in DMs even if forged. */
function isGuildOnly(command: Command): boolean {
  const contexts = command.data.contexts;
  return Array.isArray(contexts) && contexts.length > 0 && contexts.every((c) => c === InteractionContextType.Guild);
}

/** The command's name behind an interaction (the custom id's prefix for components). */
function name(interaction: ChatInputCommandInteraction | ButtonInteraction): string {
  return interaction.isChatInputCommand() ? interaction.commandName : (interaction.customId.split(':')[0] ?? '');
}

/** A form as Discord's modal: one text input per action row, custom ids `<command>:<form id>`. */
function modalOf(command: string, form: Form): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${command}:${form.id}`.slice(0, DISCORD.customIdMax),
    title: sliceUnits(form.title, DISCORD.modalTitleMax),
    components: form.fields.map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.id,
          label: sliceUnits(f.label, DISCORD.textInputLabelMax),
          style: f.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required,
          max_length: Math.min(f.maxLength, DISCORD.textInputValueMax),
          ...(f.placeholder ? { placeholder: sliceUnits(f.placeholder, DISCORD.textInputPlaceholderMax) } : {}),
        },
      ],
    })),
  };
}

export class Dispatcher {
  private draining = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly commandPace: TokenBuckets;
  private readonly autocompletePace = new TokenBuckets(PACE.autocomplete);
  private readonly mentions = new MentionCooldown(PACE.mentionCooldownMs);

  private readonly readAttachment: NonNullable<CommandContext['fetchAttachment']>;

  constructor(private readonly deps: DispatcherDeps) {
    this.commandPace = new TokenBuckets(deps.pace ?? { capacity: 8, refillMs: 3_000 });
    this.readAttachment = attachmentReader(deps.apiBase);
  }

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
    if (interaction.isModalSubmit()) return this.submit(interaction);
    if (interaction.isRepliable()) {
      await interaction.reply({ content: unknownCommand.messageFor(langFromLocale(interaction.locale)), flags: 'Ephemeral', allowedMentions: { parse: [] } });
    }
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = Date.now();
    const lang = this.lang(interaction);
    const raw = interaction.options.data as readonly RawOption[];
    const command = this.deps.commands.get(interaction.commandName);
    const hide = command?.private === true || raw.find((o) => o.name === 'hide')?.value === true;
    const mention = raw.find((o) => o.name === 'mention')?.value;
    const wait = this.commandPace.take(interaction.user.id);
    // A classmate is pinged at most once a minute per server; after that the answer still comes, silently.
    const ping = wait === 0 && typeof mention === 'string' && SNOWFLAKE.test(mention) && this.mentions.mayPing(interaction.guildId, mention) ? mention : undefined;
    const responder = new Responder(interaction, { hide, mention: ping, traditional: readsTraditional(interaction.locale) });
    await this.run(responder, lang, { kind: 'command', name: interaction.commandName, interaction, started }, async () => {
      if (this.draining) throw shuttingDown;
      if (wait > 0) throw tooFast(wait);
      if (!command) throw unknownCommand;
      if (isGuildOnly(command) && !interaction.inGuild()) throw guildOnly;
      const options = readOptions(command.data, raw);
      if (command.defers) await responder.defer();
      await command.execute(this.context(interaction, lang, responder, { options }));
    });
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const started = Date.now();
    const lang = this.lang(interaction);
    const [name = '', argument = ''] = interaction.customId.split(/:(.*)/s);
    const command = this.deps.commands.get(name);
    // Topic buttons answer only the member who clicked, so a busy channel is not flooded.
    const responder = new Responder(interaction, { hide: true, traditional: readsTraditional(interaction.locale) });
    const wait = this.commandPace.take(interaction.user.id);
    await this.run(responder, lang, { kind: 'button', name: `${name}:button`, interaction, started }, async () => {
      if (this.draining) throw shuttingDown;
      if (wait > 0) throw tooFast(wait);
      if (!command?.button || argument.length === 0 || interaction.customId.length > DISCORD.customIdMax) throw unknownCommand;
      await command.button({ ...this.context(interaction, lang, responder, {}), argument, update: (answer) => responder.update(answer) });
    });
  }

  /** A form (modal) the member filled in: back to the command that opened it. */
  private async submit(interaction: ModalSubmitInteraction): Promise<void> {
    const started = Date.now();
    const lang = this.lang(interaction);
    const [name = '', argument = ''] = interaction.customId.split(/:(.*)/s);
    const command = this.deps.commands.get(name);
    const responder = new Responder(interaction, { hide: true, traditional: readsTraditional(interaction.locale) });
    const wait = this.commandPace.take(interaction.user.id);
    await this.run(responder, lang, { kind: 'form', name: `${name}:form`, interaction, started }, async () => {
      if (this.draining) throw shuttingDown;
      if (wait > 0) throw tooFast(wait);
      if (!command?.submit || interaction.customId.length > DISCORD.customIdMax) throw unknownCommand;
      const fields = Object.fromEntries(interaction.fields.fields.map((f) => [f.customId, 'value' in f && typeof f.value === 'string' ? f.value : '']));
      await command.submit({ ...this.context(interaction, lang, responder, {}), argument, fields });
    });
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = Date.now();
    const lang = this.lang(interaction);
    const command = this.deps.commands.get(interaction.commandName);
    let outcome = 'ok';
    try {
      if (this.autocompletePace.take(interaction.user.id) > 0) {
        outcome = 'rate_limited';
        await interaction.respond([]);
        return;
      }
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
      const latencyMs = Date.now() - started;
      this.deps.logger.info({ kind: 'autocomplete', command: interaction.commandName, userId: interaction.user.id, latencyMs, outcome }, 'interaction');
      this.deps.observe?.({ kind: 'autocomplete', command: interaction.commandName, outcome, latencyMs, ackMs: interaction.responded ? latencyMs : undefined });
    }
  }

  private context(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, lang: Lang, responder: Responder, extra: Partial<CommandContext>): CommandContext {
    return {
      lang,
      surface: 'discord',
      userId: interaction.user.id,
      guildId: interaction.guildId ?? undefined,
      channelId: interaction.channelId ?? undefined,
      canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      options: extra.options ?? NO_OPTIONS,
      library: this.deps.library,
      sandbox: this.deps.sandbox,
      store: this.deps.store,
      defer: () => responder.defer(),
      progress: (answer) => responder.progress(answer),
      reply: (answer) => responder.reply(answer),
      fetchAttachment: this.readAttachment,
      ...(interaction.isModalSubmit() ? {} : { openForm: (form) => responder.openForm(modalOf(name(interaction), form)) }),
    };
  }

  /** The member's Discord language when it is Chinese or English, else the server's default (/settings). */
  private lang(interaction: Interaction): Lang {
    try {
      return memberLang(interaction.locale, () => this.deps.store.settings.for(interaction.guildId ?? 'dm').defaultLang);
    } catch (error) {
      this.deps.logger.warn({ err: error, interactionId: interaction.id }, 'could not read the server settings; using the member locale');
      return langFromLocale(interaction.locale);
    }
  }

  private async run(
    responder: Responder,
    lang: Lang,
    meta: { kind: 'command' | 'button' | 'form'; name: string; interaction: Interaction; started: number },
    body: () => Promise<void>,
  ): Promise<void> {
    let outcome = 'ok';
    try {
      await body();
    } catch (error) {
      outcome = isUserError(error) ? `user_error:${error.id}` : 'error';
      if (!isUserError(error)) {
        this.deps.logger.error({ err: error, command: meta.name, interactionId: meta.interaction.id }, 'command failed');
      } else if (ORGANISER_REFUSALS.has(error.id)) {
        // The member reads a calm line; the organiser needs the engine's address and error.
        this.deps.logger.warn({ err: error.cause, command: meta.name, interactionId: meta.interaction.id }, `demo refused (${error.id}): ${(error.cause as Error | undefined)?.message ?? ''}`);
      }
      await responder.fail(errorAnswer(error, lang)).catch((sendError: unknown) => {
        this.deps.logger.warn({ err: sendError, command: meta.name, interactionId: meta.interaction.id }, 'could not send the error reply');
      });
    } finally {
      responder.dispose();
      const latencyMs = Date.now() - meta.started;
      this.deps.logger.info({ kind: meta.kind, command: meta.name, userId: meta.interaction.user.id, interactionId: meta.interaction.id, latencyMs, outcome }, 'interaction');
      this.deps.observe?.({ kind: meta.kind, command: meta.name, outcome, latencyMs, ackMs: responder.ackMs });
    }
  }
}
