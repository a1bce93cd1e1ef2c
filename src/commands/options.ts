/**
 * Checks raw option values against a command's own registration data before its handler runs.
 * Discord's client enforces types, choices and lengths, but an interaction can be forged: an
 * unknown option, a wrong type, a value outside the choices or an oversized string is refused
 * with a clear message. The console uses the same check.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { UserError } from '../errors.ts';
import type { CommandOptions } from './context.ts';

export interface RawOption {
  readonly name: string;
  readonly type: number;
  readonly value?: unknown;
}

export class BadOptionError extends UserError {}

function bad(option: string, en: string, zh: string): BadOptionError {
  const name = option.length > 32 ? `${option.slice(0, 32)}…` : option;
  return new BadOptionError('bad-option', { en: `Option \`${name}\`: ${en}`, zh: `选项 \`${name}\`：${zh}` });
}

function check(def: APIApplicationCommandOption, raw: RawOption): string | boolean {
  const { value } = raw;
  switch (def.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') throw bad(def.name, 'expected text.', '应为文字。');
      const max = def.max_length ?? 6_000;
      if (value.length > max) throw bad(def.name, `is ${value.length} characters; at most ${max} are allowed.`, `长度 ${value.length}，最多允许 ${max}。`);
      if (def.choices && !def.choices.some((c) => c.value === value)) {
        const list = def.choices.map((c) => c.value).join(', ');
        throw bad(def.name, `is not one of the choices (${list}).`, `不是可选值之一（${list}）。`);
      }
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean') throw bad(def.name, 'expected true or false.', '应为 true 或 false。');
      return value;
    case ApplicationCommandOptionType.User:
      if (typeof value !== 'string' || !/^\d{17,20}$/.test(value)) throw bad(def.name, 'expected a member.', '应为一位成员。');
      return value;
    default:
      throw bad(def.name, 'is not supported.', '不受支持。');
  }
}

export function readOptions(data: RESTPostAPIChatInputApplicationCommandsJSONBody, raw: readonly RawOption[], options: { partial?: boolean } = {}): CommandOptions {
  const defs = new Map((data.options ?? []).map((o) => [o.name, o]));
  const values = new Map<string, string | boolean>();
  for (const option of raw) {
    const def = defs.get(option.name);
    if (!def) throw bad(option.name, 'is not an option of this command.', '不是这个命令的选项。');
    if (option.type !== def.type) throw bad(option.name, 'has the wrong type.', '类型不对。');
    values.set(option.name, check(def, option));
  }
  if (!options.partial) {
    for (const def of defs.values()) {
      if ('required' in def && def.required && !values.has(def.name)) throw bad(def.name, 'is required.', '是必填项。');
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
  };
}
