// Member input shown back: nothing that disguises or breaks a message survives, nothing is cut
// inside a character, and no Markdown or mention in it takes effect.
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/content/library.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import { readOptions } from '../../src/commands/options.ts';
import { daemonJsonAnswer, lanRangesOf } from '../../src/commands/daemon-json.ts';
import { cleanEcho, quoteInput, sliceCodePoints, sliceUnits, stripInvisible } from '../../src/text/echo.ts';
import { truncate } from '../../src/text/split.ts';

const HOSTILE = 'a\u001b[31mred\u001b[0m\u202eevil\u200b\u2066x\u0007\ny\u0000z';

describe('echoes of member input', () => {
  it('strips ANSI sequences, controls, bidi overrides and zero-width characters', () => {
    expect(cleanEcho(HOSTILE)).toBe('ared evil x y z');
    expect(cleanEcho('\u001b]0;pwned\u0007title')).toBe('title');
  });

  it('cuts by code point, never inside a surrogate pair', () => {
    const whales = '🐳'.repeat(50);
    const cut = sliceCodePoints(whales, 40);
    expect([...cut.replace(/…$/, '')]).toHaveLength(40);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(sliceUnits('ab🐳', 3)).toBe('ab'); // 3 units would end inside the whale
    expect(truncate(`${'x'.repeat(96)}🐳🐳🐳`, 100)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('quotes input in a code span, so Markdown and mentions stay inert', () => {
    expect(quoteInput('**bold** <@123456789012345678> @everyone')).toBe('`**bold** <@123456789012345678> @everyone`');
    expect(quoteInput('`code` break')).toBe('`ˋcodeˋ break`');
  });

  it('is what an unknown topic and a forged choice echo', () => {
    const library = Library.load();
    expect(() => library.resolve(HOSTILE)).toThrow(/There is no topic called `ared evil x y z`/);
    const demo = COMMANDS.get('demo')!.data;
    expect(() => readOptions(demo, [{ name: 'scenario', type: 3, value: `x\u202e${'🐳'.repeat(60)}` }])).toThrow(/^`scenario`: `x 🐳+…` is not one of the choices/u);
  });

  it('drops half a surrogate pair that came alone (found by the fuzz suite)', () => {
    expect(cleanEcho('topic\ud83d')).toBe('topic');
    expect(cleanEcho('\udfffx\ud800y')).toBe('xy');
    expect(cleanEcho('ok 🐳')).toBe('ok 🐳');
  });

  it('cleans a whole report that quotes input in many places, keeping its new lines', () => {
    expect(stripInvisible('**Problems**\n`a\u202eb\u0008c\ud800`\u001b[2J\r\n`ok` 😀')).toBe('**Problems**\n`abc`\n`ok` 😀');
  });

  it('the daemon.json doctor quotes LAN ranges, keys and the engine version without invisible characters or code-span breakers', () => {
    expect(lanRangesOf('10.0.0.0/8, x\u202e`y`\u2066')).toEqual(['10.0.0.0/8', 'x ˋyˋ']);
    const answer = daemonJsonAnswer('{"bad\u202ekey": 1}', 'en', { lan: 'nope\u200b`', engine: '2\u202e0.10' });
    const text = [answer.body, ...(answer.fields ?? []).map((f) => f.value)].join('\n');
    expect(text).toContain('badkey');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('`nope ˋ`');
  });
});
