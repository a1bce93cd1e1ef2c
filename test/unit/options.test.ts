import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { BadOptionError, readOptions } from '../../src/commands/options.ts';

const demo = COMMANDS.get('demo')!.data;
const ask = COMMANDS.get('ask')!.data;

describe('option checks against a command’s own definition', () => {
  it('accepts what Discord would send', () => {
    const options = readOptions(demo, [
      { name: 'scenario', type: 3, value: 'none' },
      { name: 'hide', type: 5, value: true },
      { name: 'mention', type: 6, value: '123456789012345678' },
    ]);
    expect(options.string('scenario')).toBe('none');
    expect(options.boolean('hide')).toBe(true);
    expect(options.string('mention')).toBe('123456789012345678');
  });

  it.each([
    ['a value outside the choices', demo, [{ name: 'scenario', type: 3, value: 'rm -rf /' }], /not one of the choices/],
    ['the wrong type', demo, [{ name: 'scenario', type: 4, value: 3 }], /wrong type/],
    ['a string where a boolean belongs', demo, [{ name: 'scenario', type: 3, value: 'none' }, { name: 'hide', type: 5, value: 'yes' }], /true or false/],
    ['an oversized question', ask, [{ name: 'question', type: 3, value: 'q'.repeat(5_000) }], /at most 500/],
    ['an unknown option', ask, [{ name: 'question', type: 3, value: 'hi' }, { name: 'image', type: 3, value: 'alpine' }], /has no such option/],
    ['a missing required option', ask, [], /is required/],
    ['a forged user id', ask, [{ name: 'question', type: 3, value: 'hi' }, { name: 'mention', type: 6, value: '@everyone' }], /a member/],
  ])('refuses %s', (_label, data, raw, message) => {
    expect(() => readOptions(data, raw)).toThrow(BadOptionError);
    expect(() => readOptions(data, raw)).toThrow(message);
  });
});

describe('an option name the command does not have', () => {
  it('is quoted in a code span in both languages, so a mention or markup in it stays inert (found by the fuzz suite)', () => {
    expect.assertions(3);
    const raw = [{ name: 'question', type: 3, value: 'hi' }, { name: 'x<#423456789012345678>`**', type: 3, value: 'v' }];
    let error: unknown;
    try {
      readOptions(ask, raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadOptionError);
    const refusal = error as BadOptionError;
    expect(refusal.messageFor('en')).toBe('`x<#423456789012345678>ˋ**`: /ask has no such option.');
    expect(refusal.messageFor('zh')).toBe('`x<#423456789012345678>ˋ**`：/ask 没有这个选项。');
  });
});
