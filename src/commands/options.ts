/**
 * Checks raw option values against a command's own registration data before its handler runs.
 * Discord's client enforces types, choices and lengths, but an interaction can be forged: an
 * unknown option, a wrong type, a value outside the choices or an oversized string is refused
 * with a clear message, in the option names each language's members see. The console and the
 * command line use the same check.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { UserError } from '../errors.ts';
import { SNOWFLAKE } from '../limits.ts';
import { closest } from '../text/did-you-mean.ts';
import { quoteInput } from '../text/echo.ts';
import type { CommandOptions } from './context.ts';

/** A user or channel option's value is its id, read with `string()`. */
export interface RawOption {
  readonly name: string;
  readonly type: number;
  readonly value?: unknown;
  /** For an attachment option: the file Discord resolved (discord.js puts it on the option). */
  readonly attachment?: { readonly url?: unknown; readonly name?: unknown; readonly size?: unknown } | null;
}

/** A file a member attached to a command: where Discord keeps it, and how big it is. */
export interface AttachmentRef {
  readonly url: string;
  readonly name: string;
  readonly size: number;
}

export class BadOptionError extends UserError {}



/**
 * The option as each language's members know it, ready to print: `scenario` / “场景”. A name the
 * command does not have is the member's own text: quoted in a code span in both languages.
 */
function names(def: APIApplicationCommandOption | undefined, raw: string): { en: string; zh: string } {
  if (!def) return { en: quoteInput(raw, 32), zh: quoteInput(raw, 32) };
  return { en: `\`${def.name}\``, zh: `“${def.name_localizations?.['zh-CN'] ?? def.name}”` };
}

function bad(def: APIApplicationCommandOption | undefined, raw: string, en: string, zh: string): BadOptionError {
  const n = names(def, raw);
  return new BadOptionError('bad-option', { en: `${n.en}: ${en}`, zh: `${n.zh}：${zh}` });
}

function check(def: APIApplicationCommandOption, raw: RawOption): string | boolean | AttachmentRef {
  const { value } = raw;
  switch (def.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') throw bad(def, raw.name, 'please give text here.', '这里需要填写文字。');
      const max = def.max_length ?? 6_000;
      if (value.length > max) throw bad(def, raw.name, `this is ${value.length} characters long; at most ${max} fit.`, `内容有 ${value.length} 个字符，最多只能写 ${max} 个。`);
      if (def.choices && !def.choices.some((c) => c.value === value)) {
        const values = def.choices.map((c) => String(c.value));
        const guess = closest(value, values);
        throw bad(
          def,
          raw.name,
          `${quoteInput(value, 32)} is not one of the choices.${guess ? ` Did you mean \`${guess}\`?` : ''} Choose one of: ${values.join(', ')}.`,
          `${quoteInput(value, 32)} 不在可选范围内。${guess ? `你是不是想找 \`${guess}\`？` : ''}可选的有：${values.join('、')}。`,
        );
      }
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean') throw bad(def, raw.name, 'please choose true or false.', '请选择“是”或“否”。');
      return value;
    case ApplicationCommandOptionType.Attachment: {
      const a = raw.attachment;
      if (typeof value !== 'string' || !SNOWFLAKE.test(value) || !a || typeof a.url !== 'string' || typeof a.size !== 'number') {
        throw bad(def, raw.name, 'please attach a file.', '请附上一个文件。');
      }
      return { url: a.url, name: typeof a.name === 'string' ? a.name : 'file', size: a.size };
    }
    case ApplicationCommandOptionType.User:
      if (typeof value !== 'string' || !SNOWFLAKE.test(value)) throw bad(def, raw.name, 'please pick a member of this server.', '请选择本服务器的一位成员。');
      return value;
    case ApplicationCommandOptionType.Channel:
      if (typeof value !== 'string' || !SNOWFLAKE.test(value)) throw bad(def, raw.name, 'please pick a channel of this server.', '请选择本服务器的一个频道。');
      return value;
    default:
      throw bad(def, raw.name, 'this kind of option is not supported.', '不支持这种选项。');
  }
}

export function readOptions(data: RESTPostAPIChatInputApplicationCommandsJSONBody, raw: readonly RawOption[], options: { partial?: boolean } = {}): CommandOptions {
  const defs = new Map((data.options ?? []).map((o) => [o.name, o]));
  const values = new Map<string, string | boolean | AttachmentRef>();
  for (const option of raw) {
    const def = defs.get(option.name);
    if (!def) throw bad(undefined, option.name, `/${data.name} has no such option.`, `/${data.name} 没有这个选项。`);
    if (option.type !== def.type) throw bad(def, option.name, 'this value has the wrong type.', '这个值的类型不对。');
    values.set(option.name, check(def, option));
  }
  if (!options.partial) {
    for (const def of defs.values()) {
      if ('required' in def && def.required && !values.has(def.name)) throw bad(def, def.name, 'this is required.', '这一项必须填写。');
    }
  }
  return {
    string: (name) => {
      const v = values.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    boolean: (name) => {
      const v = values.get(name);
      return typeof v === 'boolean' ? v : undefined;
    },
    attachment: (name) => {
      const v = values.get(name);
      return typeof v === 'object' ? v : undefined;
    },
  };
}
