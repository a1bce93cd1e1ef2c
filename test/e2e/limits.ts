// Discord's payload limits, checked the way Discord's API would check them, plus netlab's own
// rule that curated text never pings. Lengths are counted in code points (Discord validates
// server-side strings, not UTF-16 units), so an emoji counts once.
import { Locale } from 'discord.js';

export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedsTotalText: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  attachments: 10,
  attachmentBytes: 10 * 1024 * 1024,
} as const;

export const COMMAND_LIMITS = {
  commands: 100,
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceStringValue: 100,
} as const;

/** One finding. `rejectedByDiscord` is false for netlab-only rules (allowed_mentions). */
export interface LimitProblem {
  path: string;
  message: string;
  rejectedByDiscord: boolean;
}

export interface UploadedFileInfo {
  name: string;
  size: number;
}

export interface MessageCheckContext {
  /** Files uploaded alongside the JSON (multipart), which make a message non-empty. */
  files?: readonly UploadedFileInfo[];
  /** An edit: fields left out keep their old value, so emptiness is judged elsewhere. */
  partial?: boolean;
}

type Json = Record<string, unknown>;

const DEFERRED_CALLBACKS = new Set([5, 6]);
const MESSAGE_CALLBACKS = new Set([4, 7]);
const AUTOCOMPLETE_CALLBACK = 8;
const COMMAND_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const KNOWN_LOCALES = new Set<string>(Object.values(Locale));

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const textLength = (value: unknown): number => (typeof value === 'string' ? [...value].length : 0);

class Findings {
  readonly list: LimitProblem[] = [];
  add(path: string, message: string, rejectedByDiscord = true): void {
    this.list.push({ path, message, rejectedByDiscord });
  }
  max(path: string, value: unknown, limit: number, what = 'characters'): void {
    const length = textLength(value);
    if (length > limit) this.add(path, `${length} ${what}, limit ${limit}`);
  }
  range(path: string, value: unknown, min: number, limit: number): void {
    if (typeof value !== 'string') return this.add(path, 'missing or not a string');
    const length = textLength(value);
    if (length < min || length > limit) this.add(path, `${length} characters, must be ${min}–${limit}`);
  }
  count(path: string, value: unknown, limit: number, what: string): void {
    const n = asArray(value).length;
    if (n > limit) this.add(path, `${n} ${what}, limit ${limit}`);
  }
}

const format = (problems: readonly LimitProblem[]): string[] =>
  problems.map((p) => `${p.path}: ${p.message}`);

/**
 * Checks an outgoing message body, or an interaction callback body `{ type, data }`.
 * Returns readable violations; empty when the payload is fine.
 */
export function checkMessagePayload(payload: unknown, context: MessageCheckContext = {}): string[] {
  return format(findMessageProblems(payload, context));
}

export function findMessageProblems(payload: unknown, context: MessageCheckContext = {}): LimitProblem[] {
  const findings = new Findings();
  if (!isObject(payload)) {
    findings.add('(body)', 'not a JSON object');
    return findings.list;
  }
  if (typeof payload['type'] === 'number') checkCallback(findings, payload, context);
  else checkMessage(findings, payload, '', context);
  checkFiles(findings, context.files ?? []);
  return findings.list;
}

function checkCallback(findings: Findings, body: Json, context: MessageCheckContext): void {
  const type = body['type'] as number;
  const data = body['data'];
  if (DEFERRED_CALLBACKS.has(type)) return;
  if (type === AUTOCOMPLETE_CALLBACK) return checkAutocomplete(findings, data);
  if (type === 9) return checkModal(findings, data);
  if (MESSAGE_CALLBACKS.has(type)) {
    return checkMessage(findings, isObject(data) ? data : {}, 'data.', context);
  }
  if (type !== 1) findings.add('type', `unknown interaction callback type ${type}`);
}

function checkMessage(findings: Findings, msg: Json, prefix: string, context: MessageCheckContext): void {
  findings.max(`${prefix}content`, msg['content'], MESSAGE_LIMITS.content);
  findings.count(`${prefix}embeds`, msg['embeds'], MESSAGE_LIMITS.embeds, 'embeds');
  checkEmbeds(findings, asArray(msg['embeds']), `${prefix}embeds`);
  checkComponents(findings, msg, prefix);
  checkAllowedMentions(findings, msg, prefix);
  if (!context.partial && isEmptyMessage(msg, context.files)) {
    findings.add(`${prefix}(message)`, 'empty message: no content, embeds, attachments or components');
  }
}

/** True when a message would show nothing at all (Discord answers 50006 "Cannot send an empty message"). */
export function isEmptyMessage(msg: Json, files: readonly UploadedFileInfo[] = []): boolean {
  const content = msg['content'];
  const hasContent = typeof content === 'string' && content.trim().length > 0;
  return (
    !hasContent &&
    asArray(msg['embeds']).length === 0 &&
    asArray(msg['components']).length === 0 &&
    asArray(msg['attachments']).length === 0 &&
    asArray(msg['sticker_ids']).length === 0 &&
    msg['poll'] == null &&
    files.length === 0
  );
}

function checkEmbeds(findings: Findings, embeds: unknown[], path: string): void {
  let total = 0;
  embeds.forEach((raw, i) => {
    if (!isObject(raw)) return findings.add(`${path}[${i}]`, 'not an object');
    const at = `${path}[${i}]`;
    const footer = isObject(raw['footer']) ? raw['footer'] : {};
    const author = isObject(raw['author']) ? raw['author'] : {};
    findings.max(`${at}.title`, raw['title'], MESSAGE_LIMITS.embedTitle);
    findings.max(`${at}.description`, raw['description'], MESSAGE_LIMITS.embedDescription);
    findings.max(`${at}.footer.text`, footer['text'], MESSAGE_LIMITS.embedFooterText);
    findings.max(`${at}.author.name`, author['name'], MESSAGE_LIMITS.embedAuthorName);
    findings.count(`${at}.fields`, raw['fields'], MESSAGE_LIMITS.embedFields, 'fields');
    total += textLength(raw['title']) + textLength(raw['description']);
    total += textLength(footer['text']) + textLength(author['name']);
    asArray(raw['fields']).forEach((field, j) => {
      const f = isObject(field) ? field : {};
      findings.range(`${at}.fields[${j}].name`, f['name'], 1, MESSAGE_LIMITS.embedFieldName);
      findings.range(`${at}.fields[${j}].value`, f['value'], 1, MESSAGE_LIMITS.embedFieldValue);
      total += textLength(f['name']) + textLength(f['value']);
    });
  });
  if (total > MESSAGE_LIMITS.embedsTotalText) {
    findings.add(path, `${total} characters of embed text in total, limit ${MESSAGE_LIMITS.embedsTotalText}`);
  }
}

const IS_COMPONENTS_V2 = 1 << 15;

function checkComponents(findings: Findings, msg: Json, prefix: string): void {
  const rows = asArray(msg['components']);
  const v2 = typeof msg['flags'] === 'number' && (msg['flags'] & IS_COMPONENTS_V2) !== 0;
  if (!v2) findings.count(`${prefix}components`, rows, MESSAGE_LIMITS.actionRows, 'action rows');
  rows.forEach((row, i) => checkComponent(findings, row, `${prefix}components[${i}]`));
}

function checkComponent(findings: Findings, raw: unknown, path: string): void {
  if (!isObject(raw)) return findings.add(path, 'not an object');
  const type = raw['type'];
  if ('custom_id' in raw) findings.range(`${path}.custom_id`, raw['custom_id'], 1, MESSAGE_LIMITS.customId);
  if (type === 1) {
    const children = asArray(raw['components']);
    const buttons = children.filter((c) => isObject(c) && c['type'] === 2).length;
    if (buttons > MESSAGE_LIMITS.buttonsPerRow) {
      findings.add(`${path}.components`, `${buttons} buttons in one row, limit ${MESSAGE_LIMITS.buttonsPerRow}`);
    }
    if (children.length === 0) findings.add(`${path}.components`, 'empty action row');
    if (children.length > 1 && buttons < children.length) {
      findings.add(`${path}.components`, 'a select menu must be alone in its action row');
    }
  }
  if (type === 2) findings.max(`${path}.label`, raw['label'], MESSAGE_LIMITS.buttonLabel);
  if (type === 3) {
    findings.count(`${path}.options`, raw['options'], MESSAGE_LIMITS.selectOptions, 'options');
    asArray(raw['options']).forEach((option, j) => {
      const o = isObject(option) ? option : {};
      const at = `${path}.options[${j}]`;
      findings.range(`${at}.label`, o['label'], 1, MESSAGE_LIMITS.selectOptionText);
      findings.range(`${at}.value`, o['value'], 1, MESSAGE_LIMITS.selectOptionText);
      findings.max(`${at}.description`, o['description'], MESSAGE_LIMITS.selectOptionText);
    });
  }
  if (typeof type === 'number' && type >= 3 && type <= 8 && type !== 4) {
    findings.max(`${path}.placeholder`, raw['placeholder'], MESSAGE_LIMITS.selectPlaceholder);
  }
  // Action rows (and components v2 containers and sections) nest further components.
  asArray(raw['components']).forEach((c, j) => checkComponent(findings, c, `${path}.components[${j}]`));
  if (isObject(raw['accessory'])) checkComponent(findings, raw['accessory'], `${path}.accessory`);
}

function checkAllowedMentions(findings: Findings, msg: Json, prefix: string): void {
  const hasText = typeof msg['content'] === 'string' || asArray(msg['embeds']).length > 0;
  const allowed = msg['allowed_mentions'];
  if (!isObject(allowed)) {
    if (hasText) findings.add(`${prefix}allowed_mentions`, 'missing on a message with content or embeds', false);
    return;
  }
  const parse = asArray(allowed['parse']);
  for (const kind of ['everyone', 'roles']) {
    if (parse.includes(kind)) findings.add(`${prefix}allowed_mentions.parse`, `allows "${kind}" pings`, false);
  }
}

function checkAutocomplete(findings: Findings, data: unknown): void {
  const choices = isObject(data) ? data['choices'] : undefined;
  if (!Array.isArray(choices)) return findings.add('data.choices', 'missing (autocomplete needs an array)');
  findings.count('data.choices', choices, MESSAGE_LIMITS.autocompleteChoices, 'choices');
  checkChoices(findings, choices, 'data.choices');
}

function checkModal(findings: Findings, data: unknown): void {
  const d = isObject(data) ? data : {};
  findings.range('data.title', d['title'], 1, 45);
  findings.range('data.custom_id', d['custom_id'], 1, MESSAGE_LIMITS.customId);
  findings.count('data.components', d['components'], 5, 'components');
}

function checkChoices(findings: Findings, choices: unknown[], path: string): void {
  choices.forEach((raw, i) => {
    const c = isObject(raw) ? raw : {};
    const at = `${path}[${i}]`;
    findings.range(`${at}.name`, c['name'], 1, MESSAGE_LIMITS.choiceName);
    if (typeof c['value'] === 'string') findings.max(`${at}.value`, c['value'], MESSAGE_LIMITS.choiceStringValue);
    else if (typeof c['value'] !== 'number') findings.add(`${at}.value`, 'must be a string or a number');
    checkLocalizations(findings, c['name_localizations'], `${at}.name_localizations`, 1, MESSAGE_LIMITS.choiceName);
  });
}

function checkFiles(findings: Findings, files: readonly UploadedFileInfo[]): void {
  if (files.length > MESSAGE_LIMITS.attachments) {
    findings.add('files', `${files.length} files, limit ${MESSAGE_LIMITS.attachments}`);
  }
  files.forEach((file, i) => {
    if (file.size > MESSAGE_LIMITS.attachmentBytes) {
      findings.add(`files[${i}]`, `${file.name} is ${file.size} bytes, limit ${MESSAGE_LIMITS.attachmentBytes}`);
    }
  });
}

/** Checks a bulk-overwrite body (`PUT /applications/:id/commands`). */
export function checkCommandRegistration(body: unknown): string[] {
  return format(findCommandProblems(body));
}

export function findCommandProblems(body: unknown): LimitProblem[] {
  const findings = new Findings();
  if (!Array.isArray(body)) {
    findings.add('(body)', 'must be an array of commands');
    return findings.list;
  }
  findings.count('(body)', body, COMMAND_LIMITS.commands, 'commands');
  const seen = new Set<string>();
  body.forEach((raw, i) => {
    const cmd = isObject(raw) ? raw : {};
    const type = cmd['type'] ?? 1;
    const key = `${String(type)}:${String(cmd['name'])}`;
    if (seen.has(key)) findings.add(`[${i}].name`, `duplicate command name "${String(cmd['name'])}"`);
    seen.add(key);
    if (type === 1) checkNamed(findings, cmd, `[${i}]`);
    else findings.range(`[${i}].name`, cmd['name'], 1, COMMAND_LIMITS.name);
    checkOptions(findings, cmd['options'], `[${i}].options`);
  });
  return findings.list;
}

function checkNamed(findings: Findings, item: Json, path: string): void {
  checkCommandName(findings, item['name'], `${path}.name`);
  findings.range(`${path}.description`, item['description'], 1, COMMAND_LIMITS.description);
  const names = item['name_localizations'];
  if (isObject(names)) {
    for (const [locale, value] of Object.entries(names)) {
      checkLocale(findings, locale, `${path}.name_localizations`);
      if (value !== null) checkCommandName(findings, value, `${path}.name_localizations.${locale}`);
    }
  }
  checkLocalizations(findings, item['description_localizations'], `${path}.description_localizations`, 1,
    COMMAND_LIMITS.description);
}

function checkCommandName(findings: Findings, name: unknown, path: string): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    findings.add(path, `"${String(name)}" must be 1–32 letters, digits, "-" or "_"`);
  } else if (name !== name.toLowerCase()) {
    findings.add(path, `"${name}" must be lower-case`);
  }
}

function checkLocale(findings: Findings, locale: string, path: string): void {
  if (!KNOWN_LOCALES.has(locale)) findings.add(path, `unknown locale "${locale}"`);
}

function checkLocalizations(findings: Findings, map: unknown, path: string, min: number, max: number): void {
  if (!isObject(map)) return;
  for (const [locale, value] of Object.entries(map)) {
    checkLocale(findings, locale, path);
    if (value !== null) findings.range(`${path}.${locale}`, value, min, max);
  }
}

function checkOptions(findings: Findings, options: unknown, path: string): void {
  const list = asArray(options);
  findings.count(path, list, COMMAND_LIMITS.options, 'options');
  const seen = new Set<string>();
  let optionalSeen = false;
  list.forEach((raw, i) => {
    const opt = isObject(raw) ? raw : {};
    const at = `${path}[${i}]`;
    checkNamed(findings, opt, at);
    const name = String(opt['name']);
    if (seen.has(name)) findings.add(`${at}.name`, `duplicate option name "${name}"`);
    seen.add(name);
    if (opt['required'] === true && optionalSeen) {
      findings.add(`${at}.required`, 'required options must come before optional ones');
    }
    if (opt['required'] !== true && opt['type'] !== 1 && opt['type'] !== 2) optionalSeen = true;
    const choices = asArray(opt['choices']);
    findings.count(`${at}.choices`, choices, COMMAND_LIMITS.choices, 'choices');
    checkChoices(findings, choices, `${at}.choices`);
    if (opt['autocomplete'] === true && choices.length > 0) {
      findings.add(`${at}.autocomplete`, 'autocomplete cannot be combined with choices');
    }
    if (opt['type'] === 1 || opt['type'] === 2) checkOptions(findings, opt['options'], `${at}.options`);
  });
}
