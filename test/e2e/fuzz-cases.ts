/**
 * The fuzz suite's interactions, drawn from a seeded PRNG over every command and its options
 * (right, wrong and missing types and shapes, extra options, unknown subcommands), autocomplete
 * with junk, buttons and selects with forged or other members' custom ids, forms with hostile
 * fields, random locales (valid and not), mentions of other members, and direct messages.
 */
import { ApplicationCommandOptionType, ComponentType, InteractionType, type APIInteraction } from 'discord.js';
import { COMMANDS } from '../../src/commands/index.ts';
import { autocomplete, button, chatInput, inDirectMessage, selectMenu, snowflake, FAKE_IDS, type CommonInput } from './interactions.ts';
import { hostileText, LOCALES_INVALID, LOCALES_VALID, nonce, REAL_WORDS, type Prng } from './fuzz-input.ts';

export type CaseKind = 'command' | 'autocomplete' | 'button' | 'select' | 'form';

export interface FuzzCase {
  readonly kind: CaseKind;
  /** Command name (or custom id prefix) for the summary. */
  readonly label: string;
  readonly payload: APIInteraction;
  /** Every string the member controls in this interaction (to look for its reflections). */
  readonly inputs: readonly string[];
  /** The `mention` option's value when it is a valid id (the only member a payload may ping). */
  readonly mention: string | undefined;
}

/** Members of the fuzz: 100 of them, so pace limits apply per member as in a real server. */
export function members(rng: Prng): string[] {
  return Array.from({ length: 100 }, () => rng.snowflake());
}

const GUILDS = [FAKE_IDS.guildId, '1300000000000000101'];

type RawOption = { name: string; type: number; value?: unknown; focused?: boolean; options?: RawOption[] };

/** A value of the wrong type or shape for an option. */
function junkValue(rng: Prng): unknown {
  return rng.pick<unknown>([42, -1, 3.14, true, false, null, '', [], {}, ['a'], { value: 'bridge' }, 'x'.repeat(7_000), Number.MAX_SAFE_INTEGER, '1e309']);
}

function optionValue(rng: Prng, type: number, maxLength: number | undefined, choices: readonly unknown[] | undefined, inputs: string[]): unknown {
  if (rng.chance(0.12)) return junkValue(rng);
  switch (type) {
    case ApplicationCommandOptionType.String: {
      if (choices && rng.chance(0.5)) return rng.pick(choices);
      const text = rng.chance(0.25) ? rng.pick(REAL_WORDS) : hostileText(rng, maxLength ?? 100);
      inputs.push(text);
      return text;
    }
    case ApplicationCommandOptionType.Boolean:
      return rng.chance(0.5);
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return rng.int(1_000) - 500;
    default: {
      // Users, channels, attachments: an id, or something that only looks like one.
      const text = rng.pick([rng.snowflake(), rng.snowflake(), FAKE_IDS.botUserId, '0', '@everyone', `<@${rng.snowflake()}>`, hostileText(rng, 30)]);
      inputs.push(text);
      return text;
    }
  }
}

/** A chat-input command with its options drawn right, wrong or missing, plus extras. */
function commandCase(rng: Prng, common: CommonInput, classmates: readonly string[], fileHost: string): FuzzCase {
  const names = [...COMMANDS.keys()];
  // /demo is kept to a small share so the engine is not the bottleneck.
  const name = rng.chance(0.03) ? 'demo' : rng.chance(0.03) ? rng.pick(['rm-rf', 'Ask', 'ask ', '', hostileText(rng, 32)]) : rng.pick(names.filter((n) => n !== 'demo'));
  const command = COMMANDS.get(name);
  const inputs: string[] = [];
  const options: RawOption[] = [];
  let mention: string | undefined;
  for (const def of command?.data.options ?? []) {
    const required = 'required' in def && def.required === true;
    if (!required && rng.chance(0.5)) continue;
    if (required && rng.chance(0.05)) continue; // a required option missing
    const choices = 'choices' in def && def.choices ? def.choices.map((c) => c.value) : undefined;
    if (def.name === 'mention' && rng.chance(0.7)) {
      mention = rng.pick(classmates);
      options.push({ name: 'mention', type: ApplicationCommandOptionType.User, value: mention });
      continue;
    }
    if (name === 'demo' && def.name === 'scenario' && rng.chance(0.8)) {
      options.push({ name: 'scenario', type: ApplicationCommandOptionType.String, value: rng.pick(['none', 'bridge', 'host']) });
      continue;
    }
    const maxLength = 'max_length' in def ? def.max_length : undefined;
    const type = rng.chance(0.05) ? rng.pick([3, 4, 5, 6, 7, 10, 11, 99]) : def.type;
    const value = optionValue(rng, type, maxLength, choices, inputs);
    if (def.name === 'mention' && typeof value === 'string' && /^\d{17,20}$/.test(value)) mention = value;
    const option: RawOption = { name: def.name, type, value };
    if (type === ApplicationCommandOptionType.Attachment && rng.chance(0.7)) option.value = snowflake();
    options.push(option);
  }
  if (rng.chance(0.08)) {
    const extra = rng.pick(['shell', 'image', 'cmd', 'privileged', hostileText(rng, 32)]);
    inputs.push(extra);
    options.push({ name: extra, type: ApplicationCommandOptionType.String, value: hostileText(rng, 100) });
  }
  if (rng.chance(0.04)) options.push(options[0] ?? { name: 'hide', type: 5, value: true }); // the same option twice
  let wrapped: RawOption[] = options;
  if (rng.chance(0.04)) {
    const sub = rng.pick(['run', 'exec', hostileText(rng, 32)]);
    inputs.push(sub);
    wrapped = [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options }];
  }
  if (!command) inputs.push(name);
  const payload = chatInput({ ...common, name, options: wrapped as never });
  const file = options.find((o) => o.type === ApplicationCommandOptionType.Attachment && typeof o.value === 'string' && /^\d+$/.test(o.value));
  if (file) {
    // A forged attachment: elsewhere than Discord's file host, not a URL, too big, or a 404 on the fake's host.
    const url = rng.pick(['https://evil.example/daemon.json', 'file:///etc/passwd', 'not a url', `${fileHost}/attachments/1/2/daemon.json`, 'http://169.254.169.254/latest/meta-data']);
    const size = rng.pick([120, 16_385, 10 ** 9, -1]);
    inputs.push(url);
    (payload.data as { resolved?: unknown }).resolved = { attachments: { [file.value as string]: { id: file.value, filename: 'daemon.json', size, url, proxy_url: url, content_type: 'application/json' } } };
  }
  return { kind: 'command', label: command ? name : '(unknown)', payload, inputs, mention };
}

function autocompleteCase(rng: Prng, common: CommonInput): FuzzCase {
  const name = rng.pick(['learn', 'learn', 'quiz', 'ask', 'demo', 'nope']);
  const focused = rng.pick(['topic', 'topic', 'question', 'scenario', 'mention', hostileText(rng, 20)]);
  const typed = rng.chance(0.2) ? rng.pick(REAL_WORDS) : hostileText(rng, 100);
  const value: unknown = rng.chance(0.1) ? junkValue(rng) : typed;
  const inputs = [typed, focused];
  const options = [{ name: focused, type: ApplicationCommandOptionType.String, value, focused: true }] as RawOption[];
  if (rng.chance(0.1)) options.push({ name: 'hide', type: 5, value: true });
  const base = autocomplete({ ...common, name, options: [] });
  const payload = { ...base, data: { ...base.data, options } } as unknown as APIInteraction;
  return { kind: 'autocomplete', label: name, payload, inputs, mention: undefined };
}

/** A button's custom id: real ones, other members' (harvested from answers), truncated, forged and huge. */
function customId(rng: Prng, harvested: readonly string[], others: readonly string[], inputs: string[]): string {
  const shape = rng.int(10);
  if (shape <= 2 && harvested.length > 0) return rng.pick(harvested);
  if (shape === 3) return `forget-me:confirm.${rng.pick(others)}.${Date.now()}`;
  if (shape === 4) return rng.pick(['learn:mode-host', 'learn:p2p-veth-recipe', 'quiz:next', 'forget-me:cancel', 'learn:', 'quiz:', 'forget-me:confirm.', ':', '']);
  if (shape === 5) return rng.pick(['quiz:0123456789abcdef.1', 'quiz:ffffffffffffffff.9', `quiz:${'a'.repeat(16)}.0`, 'demo:again', 'settings:reset', 'shell:ls', 'learn:../../etc/passwd']);
  if (shape === 6) return `learn:${'x'.repeat(200)}`.slice(0, rng.pick([100, 101, 250]));
  const text = `${rng.pick(['learn', 'quiz', 'forget-me', 'demo', nonce(rng)])}:${hostileText(rng, 80)}`;
  inputs.push(text);
  return text;
}

function buttonCase(rng: Prng, common: CommonInput, harvested: readonly string[], others: readonly string[]): FuzzCase {
  const inputs: string[] = [];
  const id = customId(rng, harvested, others, inputs);
  // discord.js needs a custom id on the message's button; Discord itself caps it at 100.
  const payload = button({ ...common, customId: id || 'x', label: 'Go' });
  if (id === '') (payload.data as { custom_id: string }).custom_id = '';
  return { kind: 'button', label: id.split(':')[0] || '(empty)', payload, inputs, mention: undefined };
}

function selectCase(rng: Prng, common: CommonInput): FuzzCase {
  const value = hostileText(rng, 100);
  const id = rng.pick(['learn:pick', 'quiz:answer', `${nonce(rng)}:x`]);
  return { kind: 'select', label: 'select', payload: selectMenu({ ...common, customId: id, values: [value || 'v'] }), inputs: [value, id], mention: undefined };
}

/** A form (modal) submit: the daemon-json doctor's, forged ones, with hostile fields. */
function formCase(rng: Prng, common: CommonInput): FuzzCase {
  const content = rng.pick([hostileText(rng, 4_000), '{"registry-mirrors": ["https://mirror.example"], "bip": "172.26.0.1/16"}', `{"${nonce(rng)}@everyone": "\u202e"}`, '{"dns": [1, 2]', 'null', '[]', '{"a":'.repeat(2_000)]);
  const lan = hostileText(rng, 200);
  const engine = rng.chance(0.5) ? rng.pick(['20.10', '28.5', '1.0', '99']) : hostileText(rng, 20);
  const id = rng.chance(0.8) ? 'daemon-json:check' : rng.pick(['quiz:check', 'nope:x', `daemon-json:${hostileText(rng, 50)}`]);
  const base = chatInput({ ...common, name: 'daemon-json' });
  const field = (custom_id: string, value: string) => ({ type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id, value }] });
  const { data: _data, ...rest } = base;
  const payload = {
    ...rest,
    type: InteractionType.ModalSubmit,
    data: { custom_id: id, components: [field('content', content), field('lan', lan), field('engine', engine)] },
  } as unknown as APIInteraction;
  return { kind: 'form', label: id.split(':')[0] ?? 'form', payload, inputs: [content, lan, engine, id], mention: undefined };
}

export interface CaseDeck {
  readonly rng: Prng;
  readonly members: readonly string[];
  /** Custom ids the bot put on its own answers so far (for one member), replayed by others. */
  readonly harvested: string[];
  /** The fake Discord's address, where attachments would live. */
  readonly fileHost: string;
}

/** The next interaction of the fuzz. */
export function nextCase(deck: CaseDeck): FuzzCase {
  const { rng } = deck;
  const userId = rng.pick(deck.members);
  const locale = (rng.chance(0.85) ? rng.pick(LOCALES_VALID) : rng.pick(LOCALES_INVALID)) as CommonInput['locale'];
  const username = rng.chance(0.1) ? hostileText(rng, 32) : 'student';
  const common: CommonInput = { userId, locale, guildId: rng.pick(GUILDS), username };
  const classmates = [...deck.members.filter((m) => m !== userId).slice(0, 3), userId, FAKE_IDS.botUserId];
  const roll = rng.next();
  const fuzzCase =
    roll < 0.5 ? commandCase(rng, common, classmates, deck.fileHost)
    : roll < 0.7 ? autocompleteCase(rng, common)
    : roll < 0.88 ? buttonCase(rng, common, deck.harvested, deck.members.filter((m) => m !== userId))
    : roll < 0.93 ? selectCase(rng, common)
    : formCase(rng, common);
  const withName = { ...fuzzCase, inputs: [...fuzzCase.inputs, username] };
  return rng.chance(0.06) ? { ...withName, payload: inDirectMessage(withName.payload) } : withName;
}
