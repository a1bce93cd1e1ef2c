/**
 * The one place an Answer becomes Discord messages. It enforces Discord's limits (splitting long
 * bodies over several embeds and messages), sets allowedMentions so curated text can never ping
 * anyone (only the classmate named in `mention`), and applies `hide` (ephemeral) everywhere.
 */
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { isPicture, type Answer, type AnswerAttachment, type Tone } from '../answer.ts';
import { DISCORD } from '../limits.ts';
import { splitMarkdown, truncate } from '../text/split.ts';

export interface ReplyOptions {
  readonly hide: boolean;
  /** A user id to point at the answer; the only mention that may ping. */
  readonly mention?: string | undefined;
  /** The member reads Traditional Chinese (locale zh-TW): the responder converts the answer first. */
  readonly traditional?: boolean;
}

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: DiscordFile[];
  allowedMentions: { parse: []; users: string[]; repliedUser: false };
  flags?: MessageFlags.Ephemeral;
}

export interface DiscordFile {
  attachment: Buffer;
  name: string;
  description?: string;
}

/** Text as UTF-8, pictures as they are; a file over Discord's size limit is left out rather than refused with the whole message. */
function filesOf(attachments: readonly AnswerAttachment[]): DiscordFile[] {
  return attachments.flatMap((a): DiscordFile[] => {
    const file: DiscordFile = isPicture(a)
      ? { attachment: Buffer.from(a.png), name: a.name, description: truncate(a.description, DISCORD.attachmentDescriptionMax).replace(/\n…$/, '…') }
      : { attachment: Buffer.from(a.content, 'utf8'), name: a.name };
    return file.attachment.length <= DISCORD.attachmentBytesMax ? [file] : [];
  });
}

const COLORS: Record<Tone, number> = { info: 0x2b7bb9, ok: 0x2e9d5b, warn: 0xd99a1e, error: 0xc8423b };
const DESCRIPTION_BUDGET = 4_000;

function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

const STYLES = { primary: ButtonStyle.Primary, secondary: ButtonStyle.Secondary, success: ButtonStyle.Success, danger: ButtonStyle.Danger } as const;

const label = (text: string) => truncate(text, DISCORD.buttonLabelMax).replace(/\n…$/, '…');

function chunk(buttons: readonly APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + DISCORD.buttonsPerRow) });
  }
  return rows;
}

/** Action buttons in their own rows, then topic links; never more rows than Discord takes. */
function buttonRows(answer: Answer): APIActionRowComponent<APIButtonComponent>[] {
  const actions: APIButtonComponent[] = (answer.buttons ?? []).map((b) => ({
    type: ComponentType.Button,
    style: STYLES[b.style ?? 'secondary'],
    label: label(b.label),
    custom_id: `${b.command}:${b.argument}`.slice(0, DISCORD.customIdMax),
  }));
  const links: APIButtonComponent[] = (answer.links ?? []).map((link, i) => ({
    type: ComponentType.Button,
    style: i === 0 && answer.tone !== 'warn' && actions.length === 0 ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: label(link.label),
    custom_id: `learn:${link.topicId}`.slice(0, DISCORD.customIdMax),
  }));
  return [...chunk(actions), ...chunk(links)].slice(0, DISCORD.actionRowsMax);
}

/** Turns an answer into one or more messages: the first is the reply, the rest are follow-ups. */
export function renderForDiscord(answer: Answer, options: ReplyOptions): MessagePayload[] {
  const color = COLORS[answer.tone ?? 'info'];
  const embeds: APIEmbed[] = splitMarkdown(answer.body, DESCRIPTION_BUDGET).map((description) => ({ color, description }));
  if (embeds.length === 0) embeds.push({ color });
  embeds[0]!.title = answer.title ? truncate(answer.title, DISCORD.embedTitleMax) : undefined;
  const fields = (answer.fields ?? []).map((f) => ({
    name: truncate(f.name, DISCORD.embedFieldNameMax),
    value: truncate(f.value || '-', DISCORD.embedFieldValueMax),
    inline: f.inline ?? false,
  }));
  // Footers are one line of metadata; 1,000 characters keeps title + description + footer under 6,000.
  const footer = answer.footer ? truncate(answer.footer, 1_000) : undefined;
  // Each embed stays within 25 fields and, with room kept for the footer, 6,000 characters.
  const room = DISCORD.embedTotalMax - (footer?.length ?? 0);
  for (const field of fields) {
    const last = embeds[embeds.length - 1]!;
    const count = last.fields?.length ?? 0;
    if (count >= DISCORD.embedFieldsMax || embedSize(last) + field.name.length + field.value.length > room) embeds.push({ color, fields: [field] });
    else last.fields = [...(last.fields ?? []), field];
  }
  if (footer) embeds[embeds.length - 1]!.footer = { text: footer };

  // Pack embeds into messages within 10 embeds and 6,000 characters each.
  const messages: APIEmbed[][] = [[]];
  let size = 0;
  for (const embed of embeds) {
    const current = messages[messages.length - 1]!;
    if (current.length > 0 && (current.length >= DISCORD.embedsPerMessage || size + embedSize(embed) > DISCORD.embedTotalMax)) {
      messages.push([embed]);
      size = embedSize(embed);
    } else {
      current.push(embed);
      size += embedSize(embed);
    }
  }

  const allowedMentions = { parse: [] as [], users: options.mention ? [options.mention] : [], repliedUser: false as const };
  // Files go with the last message, DISCORD.attachmentsPerMessage at a time; the rest follow alone.
  const files = filesOf(answer.attachments ?? []);
  const fileGroups: DiscordFile[][] = [];
  for (let i = 0; i < files.length; i += DISCORD.attachmentsPerMessage) fileGroups.push(files.slice(i, i + DISCORD.attachmentsPerMessage));
  const payloads = messages.map((group, i) => {
    const payload: MessagePayload = { embeds: group, components: [], files: [], allowedMentions };
    if (i === 0 && options.mention) payload.content = `<@${options.mention}>`;
    if (i === messages.length - 1) {
      payload.components = buttonRows(answer);
      payload.files = fileGroups.shift() ?? [];
    }
    return payload;
  });
  for (const group of fileGroups) payloads.push({ embeds: [], components: [], files: group, allowedMentions });
  if (options.hide) for (const payload of payloads) payload.flags = MessageFlags.Ephemeral;
  return payloads;
}
