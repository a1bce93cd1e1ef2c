/** One slash command: its registration data, its handler and, where it has them, autocomplete and buttons. */
import {
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { Choice } from '../content/library.ts';
import type { Bilingual } from '../errors.ts';
import type { AutocompleteContext, ButtonContext, CommandContext, SubmitContext } from './context.ts';

export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Commands that may take over a second defer before doing anything. */
  readonly defers?: boolean;
  /** Answers only the member who asked (settings, personal data), whatever `hide` says. */
  readonly private?: boolean;
  execute(ctx: CommandContext): Promise<void>;
  autocomplete?(ctx: AutocompleteContext): readonly Choice[];
  /** Handles buttons whose custom id starts with `<command name>:`. */
  button?(ctx: ButtonContext): Promise<void>;
  /** Handles forms (modals) it opened, whose custom id starts with `<command name>:`. */
  submit?(ctx: SubmitContext): Promise<void>;
}

/**
 * A command builder with English names and zh-CN localizations. `guildOnly` commands (those that
 * touch the sandbox) are offered in servers only, not in DMs, where no server's limits apply.
 */
export function slashCommand(name: string, zhName: string, description: Bilingual, options: { guildOnly?: boolean } = {}): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setNameLocalizations({ 'zh-CN': zhName, 'zh-TW': zhName })
    .setDescription(description.en)
    .setDescriptionLocalizations({ 'zh-CN': description.zh, 'zh-TW': description.zh })
    .setContexts(options.guildOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM]);
}

/** The options every answer command offers: an ephemeral answer, or pointing a classmate at it. */
export function withAnswerOptions<T extends SlashCommandBuilder | SlashCommandOptionsOnlyBuilder>(builder: T): T {
  builder
    .addBooleanOption((o) =>
      o
        .setName('hide')
        .setNameLocalizations({ 'zh-CN': '仅自己可见', 'zh-TW': '仅自己可见' })
        .setDescription('Only you see the answer')
        .setDescriptionLocalizations({ 'zh-CN': '只有你能看到回答', 'zh-TW': '只有你能看到回答' }),
    )
    .addUserOption((o) =>
      o
        .setName('mention')
        .setNameLocalizations({ 'zh-CN': '提醒', 'zh-TW': '提醒' })
        .setDescription('Point a classmate at the answer (pings only them)')
        .setDescriptionLocalizations({ 'zh-CN': '把回答指给一位同学（只提醒这一位）', 'zh-TW': '把回答指给一位同学（只提醒这一位）' }),
    );
  return builder;
}
