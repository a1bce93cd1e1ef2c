// Builders for realistic INTERACTION_CREATE payloads (shapes from discord-api-types v10), so
// e2e tests can say `chatInput({ name: 'ask', options: { query: '…' }, locale: 'zh-CN' })`.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  type GuildMemberFlags,
  ComponentType,
  InteractionContextType,
  InteractionType,
  MessageType,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIEmbed,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIMessageTopLevelComponent,
  type APIModalSubmitGuildInteraction,
  type APIUser,
  type Locale,
} from 'discord.js';

/**
 * The same interaction as Discord sends it from a direct message with the bot: no server, no
 * member (a `user` instead), a DM channel, context BotDM.
 */
export function inDirectMessage<T extends object>(interaction: T): T {
  const { guild_id: _g, guild: _gd, member: m, guild_locale: _gl, ...rest } = interaction as T & { guild_id?: string; guild?: unknown; member?: { user: unknown }; guild_locale?: string; channel_id: string };
  return {
    ...rest,
    user: m?.user,
    channel: { id: rest.channel_id, type: ChannelType.DM, recipients: [m?.user] },
    authorizing_integration_owners: { 1: (m?.user as { id: string } | undefined)?.id },
    context: InteractionContextType.BotDM,
  } as unknown as T;
}

/** Ids shared by the builders and FakeDiscord (modern apps: bot user id === application id). */
export const FAKE_IDS = {
  applicationId: '1300000000000000001',
  botUserId: '1300000000000000001',
  guildId: '1300000000000000100',
  channelId: '1300000000000000200',
  userId: '1300000000000000300',
} as const;

export const FAKE_BOT_USER: APIUser = {
  id: FAKE_IDS.botUserId,
  username: 'netlab',
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
};

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, time-ordered snowflake. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${snowflake()}${Math.random().toString(36).slice(2, 14)}`;
}

type SimpleValue = string | number | boolean;
/** `{ topic: 'bridge' }` or full option objects (for subcommands or explicit types). */
export type OptionsInput = Record<string, SimpleValue> | APIApplicationCommandInteractionDataOption[];

export interface CommonInput {
  locale?: `${Locale}`;
  guildLocale?: `${Locale}`;
  userId?: string;
  username?: string;
  guildId?: string;
  channelId?: string;
  applicationId?: string;
}

function typeOf(value: SimpleValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

function toOptions(input: OptionsInput | undefined, focused?: string): APIApplicationCommandInteractionDataOption[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([name, value]) => {
    const option = { name, type: typeOf(value), value } as APIApplicationCommandInteractionDataOption;
    return name === focused ? { ...option, type: ApplicationCommandOptionType.String, value: String(value), focused: true } as APIApplicationCommandInteractionDataOption : option;
  });
}

function wrapSubcommand(
  options: APIApplicationCommandInteractionDataOption[],
  subcommand?: string,
  group?: string,
): APIApplicationCommandInteractionDataOption[] {
  if (subcommand === undefined) return options;
  const sub = { name: subcommand, type: ApplicationCommandOptionType.Subcommand, options } as APIApplicationCommandInteractionDataOption;
  if (group === undefined) return [sub];
  return [{ name: group, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub] } as APIApplicationCommandInteractionDataOption];
}

function member(input: CommonInput): APIInteractionGuildMember {
  const id = input.userId ?? FAKE_IDS.userId;
  const username = input.username ?? 'student';
  return {
    user: { id, username, discriminator: '0', global_name: username, avatar: null },
    roles: [],
    joined_at: '2026-01-01T00:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    nick: null,
    avatar: null,
    communication_disabled_until: null,
    permissions: '0',
  };
}

// Fields every guild interaction carries, whatever its type.
function common(input: CommonInput) {
  const channelId = input.channelId ?? FAKE_IDS.channelId;
  const guildId = input.guildId ?? FAKE_IDS.guildId;
  return {
    id: snowflake(),
    application_id: input.applicationId ?? FAKE_IDS.applicationId,
    token: interactionToken(),
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, locale: (input.guildLocale ?? 'en-US') as Locale, features: [] },
    channel_id: channelId,
    channel: { id: channelId, type: ChannelType.GuildText as const, guild_id: guildId, name: 'study-group' },
    member: member(input),
    locale: (input.locale ?? 'en-US') as Locale,
    guild_locale: (input.guildLocale ?? 'en-US') as Locale,
    // View channel, send messages, embed links, attach files, use external emojis.
    app_permissions: '378944',
    entitlements: [],
    authorizing_integration_owners: { 0: guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export interface ChatInputInput extends CommonInput {
  name: string;
  options?: OptionsInput;
  /**
   * Attachment options by name (FakeDiscord.hostAttachment makes one): Discord sends the
   * attachment's id as the option's value and the file itself in `data.resolved.attachments`.
   */
  attachments?: Record<string, APIAttachment>;
  subcommand?: string;
  group?: string;
  commandId?: string;
}

export function chatInput(input: ChatInputInput): APIChatInputApplicationCommandGuildInteraction {
  const files = Object.entries(input.attachments ?? {});
  const fileOptions = files.map(([name, file]) => ({ name, type: ApplicationCommandOptionType.Attachment, value: file.id }) as APIApplicationCommandInteractionDataOption);
  return {
    ...common(input),
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options: wrapSubcommand([...fileOptions, ...toOptions(input.options)], input.subcommand, input.group),
      ...(files.length > 0 ? { resolved: { attachments: Object.fromEntries(files.map(([, file]) => [file.id, file])) } } : {}),
    },
  };
}

export interface ModalSubmitInput extends CommonInput {
  /** The modal's custom id, as the bot set it when it opened the form. */
  customId: string;
  /** What the member typed, by text input custom id; inputs left empty are sent as ''. */
  fields: Record<string, string>;
}

/** A filled-in form (interaction type 5): one action row per text input, as the bot laid it out. */
export function modalSubmit(input: ModalSubmitInput): APIModalSubmitGuildInteraction {
  return {
    ...common(input),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: input.customId,
      components: Object.entries(input.fields).map(([customId, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
      })),
    },
  };
}

export interface AutocompleteInput extends ChatInputInput {
  /** Name of the option being typed; its value is sent as a string with `focused: true`. */
  focused?: string;
}

export function autocomplete(input: AutocompleteInput): APIApplicationCommandAutocompleteGuildInteraction {
  const options = toOptions(input.options, input.focused);
  return {
    ...common(input),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options: wrapSubcommand(options, input.subcommand, input.group),
    },
  };
}

export interface BotMessageInput {
  id?: string;
  channelId?: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  type?: MessageType;
}

/** A message as Discord returns it for something the bot posted. */
export function botMessage(input: BotMessageInput = {}): APIMessage {
  return {
    id: input.id ?? snowflake(),
    channel_id: input.channelId ?? FAKE_IDS.channelId,
    author: FAKE_BOT_USER,
    content: input.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    pinned: false,
    type: input.type ?? MessageType.ChatInputCommand,
    flags: input.flags ?? 0,
    webhook_id: FAKE_IDS.applicationId,
    application_id: FAKE_IDS.applicationId,
  };
}

export interface ButtonInput extends CommonInput {
  customId: string;
  label?: string;
  /** The message the button sits on; a bot message holding just this button by default. */
  message?: APIMessage;
}

export function button(input: ButtonInput): APIMessageComponentGuildInteraction {
  const message = input.message ?? botMessage({
    channelId: input.channelId,
    content: 'demo output',
    components: [{
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: input.customId, label: input.label ?? 'Run' }],
    }],
  });
  return {
    ...common(input),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
  };
}

export interface SelectMenuInput extends CommonInput {
  customId: string;
  values: string[];
  message?: APIMessage;
}

export function selectMenu(input: SelectMenuInput): APIMessageComponentGuildInteraction {
  const message = input.message ?? botMessage({
    channelId: input.channelId,
    content: 'pick one',
    components: [{
      type: ComponentType.ActionRow,
      components: [{
        type: ComponentType.StringSelect,
        custom_id: input.customId,
        options: input.values.map((value) => ({ label: value, value })),
      }],
    }],
  });
  return {
    ...common(input),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values },
  };
}
