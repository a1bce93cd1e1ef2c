import { describe, expect, it } from 'vitest';
import {
  checkCommandRegistration,
  checkMessagePayload,
  findMessageProblems,
  isEmptyMessage,
} from '../e2e/limits.ts';

const quiet = { allowed_mentions: { parse: [] } };
const text = (n: number, ch = 'x') => ch.repeat(n);

describe('checkMessagePayload: messages', () => {
  it('accepts content at exactly 2,000 characters and rejects 2,001', () => {
    expect(checkMessagePayload({ content: text(2000), ...quiet })).toEqual([]);
    expect(checkMessagePayload({ content: text(2001), ...quiet })).toEqual(['content: 2001 characters, limit 2000']);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(checkMessagePayload({ content: text(2000, '网'), ...quiet })).toEqual([]);
    expect(checkMessagePayload({ content: text(2000, '🐳'), ...quiet })).toEqual([]);
  });

  it('checks each embed field against its limit', () => {
    const embed = {
      title: text(257),
      description: text(4097),
      footer: { text: text(2049) },
      author: { name: text(257) },
      fields: [{ name: text(257), value: text(1025) }],
    };
    expect(checkMessagePayload({ embeds: [embed], ...quiet })).toEqual([
      'embeds[0].title: 257 characters, limit 256',
      'embeds[0].description: 4097 characters, limit 4096',
      'embeds[0].footer.text: 2049 characters, limit 2048',
      'embeds[0].author.name: 257 characters, limit 256',
      'embeds[0].fields[0].name: 257 characters, must be 1–256',
      'embeds[0].fields[0].value: 1025 characters, must be 1–1024',
      'embeds: 7942 characters of embed text in total, limit 6000',
    ]);
  });

  it('limits embeds to 10, fields to 25 and all embed text to 6,000', () => {
    const field = { name: 'n', value: 'v' };
    expect(checkMessagePayload({ embeds: Array(11).fill({ title: 't' }), ...quiet })).toEqual(['embeds: 11 embeds, limit 10']);
    expect(checkMessagePayload({ embeds: [{ fields: Array(26).fill(field) }], ...quiet })).toEqual([
      'embeds[0].fields: 26 fields, limit 25',
    ]);
    const big = { description: text(4000) };
    expect(checkMessagePayload({ embeds: [big, big], ...quiet })).toEqual([
      'embeds: 8000 characters of embed text in total, limit 6000',
    ]);
  });

  it('checks action rows, buttons and select menus', () => {
    const btn = (id: string) => ({ type: 2, style: 1, custom_id: id, label: 'ok' });
    const row = (components: unknown[]) => ({ type: 1, components });
    expect(checkMessagePayload({ content: 'x', ...quiet, components: Array(6).fill(row([btn('a')])) })).toEqual([
      'components: 6 action rows, limit 5',
    ]);
    expect(checkMessagePayload({ content: 'x', ...quiet, components: [row(Array(6).fill(btn('a')))] })).toEqual([
      'components[0].components: 6 buttons in one row, limit 5',
    ]);
    const longButton = { type: 2, style: 1, custom_id: text(101), label: text(81) };
    expect(checkMessagePayload({ content: 'x', ...quiet, components: [row([longButton])] })).toEqual([
      'components[0].components[0].custom_id: 101 characters, must be 1–100',
      'components[0].components[0].label: 81 characters, limit 80',
    ]);
    const options = Array(26).fill({ label: 'l', value: 'v' });
    options[0] = { label: text(101), value: text(101), description: text(101) };
    const select = { type: 3, custom_id: 's', options };
    expect(checkMessagePayload({ content: 'x', ...quiet, components: [row([select])] })).toEqual([
      'components[0].components[0].options: 26 options, limit 25',
      'components[0].components[0].options[0].label: 101 characters, must be 1–100',
      'components[0].components[0].options[0].value: 101 characters, must be 1–100',
      'components[0].components[0].options[0].description: 101 characters, limit 100',
    ]);
  });

  it('requires allowed_mentions on text and forbids everyone and role pings', () => {
    expect(checkMessagePayload({ content: 'hi' })).toEqual([
      'allowed_mentions: missing on a message with content or embeds',
    ]);
    expect(checkMessagePayload({ embeds: [{ title: 't' }] })).toEqual([
      'allowed_mentions: missing on a message with content or embeds',
    ]);
    expect(checkMessagePayload({ content: 'hi', allowed_mentions: { parse: ['everyone', 'roles', 'users'] } })).toEqual([
      'allowed_mentions.parse: allows "everyone" pings',
      'allowed_mentions.parse: allows "roles" pings',
    ]);
    expect(findMessageProblems({ content: 'hi' })[0]?.rejectedByDiscord).toBe(false);
  });

  it('flags an empty message unless files or components make it non-empty', () => {
    expect(checkMessagePayload({ content: '', ...quiet })).toEqual([
      '(message): empty message: no content, embeds, attachments or components',
    ]);
    expect(checkMessagePayload({ attachments: [{ id: '0' }] })).toEqual([]);
    expect(checkMessagePayload({}, { files: [{ name: 'a.txt', size: 3 }] })).toEqual([]);
    expect(checkMessagePayload({ content: '' , ...quiet }, { partial: true })).toEqual([]);
    expect(isEmptyMessage({ content: '  ' })).toBe(true);
  });

  it('limits uploads to 10 files of at most 10 MiB each', () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, size: 1 }));
    files[0] = { name: 'huge.bin', size: 10 * 1024 * 1024 + 1 };
    expect(checkMessagePayload({}, { files })).toEqual([
      'files: 11 files, limit 10',
      'files[0]: huge.bin is 10485761 bytes, limit 10485760',
    ]);
  });
});

describe('checkMessagePayload: interaction callbacks', () => {
  it('accepts deferred callbacks without a message', () => {
    expect(checkMessagePayload({ type: 5, data: { flags: 64 } })).toEqual([]);
    expect(checkMessagePayload({ type: 6 })).toEqual([]);
  });

  it('checks the message inside a type 4 callback, with a data. prefix', () => {
    expect(checkMessagePayload({ type: 4, data: { content: text(2001), ...quiet } })).toEqual([
      'data.content: 2001 characters, limit 2000',
    ]);
    expect(checkMessagePayload({ type: 4, data: {} })).toEqual([
      'data.(message): empty message: no content, embeds, attachments or components',
    ]);
  });

  it('checks autocomplete results: 25 choices, names 1–100, string values up to 100', () => {
    const ok = { type: 8, data: { choices: [{ name: 'bridge', value: 'mode-bridge-default' }, { name: 'n', value: 3 }] } };
    expect(checkMessagePayload(ok)).toEqual([]);
    const choices = Array(26).fill({ name: 'n', value: 'v' });
    choices[0] = { name: '', value: text(101) };
    choices[1] = { name: text(101), value: 'v' };
    expect(checkMessagePayload({ type: 8, data: { choices } })).toEqual([
      'data.choices: 26 choices, limit 25',
      'data.choices[0].name: 0 characters, must be 1–100',
      'data.choices[0].value: 101 characters, limit 100',
      'data.choices[1].name: 101 characters, must be 1–100',
    ]);
  });
});

describe('checkCommandRegistration', () => {
  const command = (extra: Record<string, unknown> = {}) => ({ name: 'ask', description: 'Ask a question', ...extra });

  it('accepts a well-formed command list with localizations', () => {
    const body = [
      command({
        name_localizations: { 'zh-CN': '提问' },
        description_localizations: { 'zh-CN': '问一个 Docker 网络问题' },
        options: [{ name: 'query', description: 'Your question', type: 3, required: true, autocomplete: true }],
      }),
      { name: 'learn', description: 'Read a topic', options: [
        { name: 'topic', description: 'Topic', type: 3, choices: [{ name: 'Host', value: 'mode-host' }] },
      ] },
    ];
    expect(checkCommandRegistration(body)).toEqual([]);
  });

  it('rejects bad names: upper case, spaces, too long, empty', () => {
    const body = [command({ name: 'Ask' }), command({ name: 'two words' }), command({ name: text(33) }), command({ name: '' })];
    expect(checkCommandRegistration(body)).toEqual([
      '[0].name: "Ask" must be lower-case',
      '[1].name: "two words" must be 1–32 letters, digits, "-" or "_"',
      `[2].name: "${text(33)}" must be 1–32 letters, digits, "-" or "_"`,
      '[3].name: "" must be 1–32 letters, digits, "-" or "_"',
    ]);
  });

  it('limits descriptions, option counts, choices and localizations', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ name: `o${i}`, description: 'd', type: 3 }));
    options[0] = { name: 'o0', description: 'd', type: 3, choices: Array(26).fill({ name: 'c', value: 'c' }) } as never;
    const body = [command({
      description: text(101),
      description_localizations: { 'zh-CN': text(101), 'xx-YY': 'bad locale' },
      name_localizations: { 'zh-CN': '两个 词' },
      options,
    })];
    expect(checkCommandRegistration(body)).toEqual([
      '[0].description: 101 characters, must be 1–100',
      '[0].name_localizations.zh-CN: "两个 词" must be 1–32 letters, digits, "-" or "_"',
      '[0].description_localizations.zh-CN: 101 characters, must be 1–100',
      '[0].description_localizations: unknown locale "xx-YY"',
      '[0].options: 26 options, limit 25',
      '[0].options[0].choices: 26 choices, limit 25',
    ]);
  });

  it('checks subcommand options, duplicates and required-before-optional order', () => {
    const body = [
      command({ options: [
        { name: 'run', description: 'Run', type: 1, options: [
          { name: 'mode', description: 'm', type: 3 },
          { name: 'mode', description: 'm', type: 3, required: true },
        ] },
      ] }),
      command(),
    ];
    expect(checkCommandRegistration(body)).toEqual([
      '[0].options[0].options[1].name: duplicate option name "mode"',
      '[0].options[0].options[1].required: required options must come before optional ones',
      '[1].name: duplicate command name "ask"',
    ]);
  });

  it('limits the list to 100 commands', () => {
    const body = Array.from({ length: 101 }, (_, i) => command({ name: `c${i}` }));
    expect(checkCommandRegistration(body)).toEqual(['(body): 101 commands, limit 100']);
  });
});
