import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, readTopicDocs } from '../../src/content/loader.ts';
import { validateLibrary, validateSourceStrings } from '../../src/content/validate.ts';
import { TOPIC_KEYS } from '../../src/content/topic.ts';
import { lineTokens } from '../../src/content/code-tokens.ts';
import { Library } from '../../src/content/library.ts';
import { renderForDiscord } from '../../src/discord/reply.ts';
import { topicAnswer } from '../../src/commands/learn.ts';
import { LANGS } from '../../src/i18n.ts';
import { DISCORD } from '../../src/limits.ts';

describe('the real library', () => {
  it('passes every validation rule', () => {
    expect(validateLibrary().map(formatProblem)).toEqual([]);
  });

  it('uses the glossary in the Chinese strings of src/', () => {
    expect(validateSourceStrings().map(formatProblem)).toEqual([]);
  });

  it('has every topic key in both languages', () => {
    const library = Library.load();
    for (const key of TOPIC_KEYS) for (const lang of LANGS) expect(library.doc(key, lang).id).toBe(key);
  });

  it('renders every topic within Discord limits', () => {
    const library = Library.load();
    for (const topic of library.topics) {
      for (const lang of LANGS) {
        for (const payload of renderForDiscord(topicAnswer(library, topic.id, lang), { hide: false })) {
          expect(payload.embeds.length).toBeLessThanOrEqual(DISCORD.embedsPerMessage);
          for (const embed of payload.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD.embedDescriptionMax);
        }
      }
    }
  });
});

describe('validation rules', () => {
  const problems = validateLibrary(fileURLToPath(new URL('./fixtures/bad-library/', import.meta.url)));
  const rules = (rule: string) => problems.filter((p) => p.rule === rule);

  it('reports each broken rule with its own message, file and line', () => {
    expect(rules('front-matter').map((p) => p.message)).toContain('`summary` is required and must be a non-empty string');
    expect(rules('id-matches-file')[0]).toMatchObject({ file: expect.stringContaining('en/beta.md'), line: 2 });
    expect(rules('unique-aliases')[0]!.message).toContain('shared-alias');
    expect(rules('related-exists')[0]).toMatchObject({ line: 7, message: expect.stringContaining('no-such-topic') });
    expect(rules('link-format').map((p) => p.message).join('\n')).toMatch(/insecure\.example\.com[\s\S]*ftp:\/\/nope/);
    expect(rules('demo-scenario')[0]!.message).toContain('teleport');
    expect(rules('heading-depth')[0]!.line).toBe(13);
    expect(rules('no-html')).toHaveLength(1);
    expect(rules('no-mentions')).toHaveLength(1);
    expect(rules('fence-closed')).toHaveLength(1);
  });

  it('names topics missing in a language', () => {
    const missing = rules('every-language').map((p) => p.file);
    expect(missing).toContain('test/unit/fixtures/bad-library/zh/gamma.md');
    expect(missing).toContain('test/unit/fixtures/bad-library/en/mode-none.md');
  });
});

describe('the library conventions (README: commands, parity, Chinese)', () => {
  const fixtures = fileURLToPath(new URL('./fixtures/rules-library/', import.meta.url));
  const problems = validateLibrary(fixtures).filter((p) => p.rule !== 'every-language');
  const at = (rule: string, file: string) =>
    problems
      .filter((p) => p.rule === rule && p.file.endsWith(file))
      .map((p) => p.line)
      .sort((a, b) => a - b);
  const short = (file: string) => file.split('rules-library/')[1];
  const messages = (rule: string) => problems.filter((p) => p.rule === rule).map((p) => p.message);

  it('wants every console block tagged run or illustrative with a known reason', () => {
    expect(at('console-tag', 'en/commands.md')).toEqual([12, 18]);
    expect(messages('console-tag').join('\n')).toMatch(/without a tag[\s\S]*“cloud” is not one of lan-nic/);
    expect(at('console-tag', 'zh/commands.md')).toEqual([]);
  });

  it('wants every command after a `$ ` prompt', () => {
    expect(at('console-prompt', 'en/commands.md')).toEqual([31, 33]);
    expect(messages('console-prompt')[0]).toContain('docker network ls');
  });

  it('refuses bash, sh and shell fences', () => {
    expect(at('shell-fence', 'en/commands.md')).toEqual([24]);
  });

  it('finds commands, flags, addresses and numbers stated in one language only', () => {
    const parity = problems.filter((p) => p.rule === 'parity' && p.file.includes('parity.md'));
    expect(parity.map((p) => `${short(p.file)}:${p.line} ${p.message.split(' appears')[0]}`).sort()).toEqual([
      'en/parity.md:24 address `fd00::1/64`',
      'en/parity.md:24 flag `--ip6tables`',
      'en/parity.md:24 number `20.10`',
      'zh/parity.md:26 address `10.0.0.2`',
      'zh/parity.md:26 flag `--dns`',
    ]);
    // Shell comments are prose, `1,500` is `1500`, URLs are not compared, and `3306` is listed as language-specific.
  });

  it('compares whole command lines', () => {
    const commands = problems.filter((p) => p.rule === 'parity' && p.message.startsWith('command'));
    expect(commands.map((p) => `${short(p.file)}:${p.line}`)).toEqual(['zh/chinese.md:25']);
  });

  it('flags language_specific entries that no longer appear', () => {
    expect(at('language-specific-stale', 'en/parity.md')).toEqual([10]);
    expect(at('language-specific-stale', 'zh/parity.md')).toEqual([]);
  });

  it('flags the rejected glossary variants in zh prose, not in code', () => {
    expect(messages('zh-term')).toEqual([
      expect.stringContaining('“用户自定义网络” → use 自定义网络'),
      expect.stringContaining('“网络名称空间” → use 网络命名空间'),
      expect.stringContaining('“一根 veth”'),
      expect.stringContaining('“veth 对”'),
      expect.stringContaining('“内置 DNS” → use 内嵌 DNS'),
      expect.stringContaining('“本地环回”'),
    ]);
    expect(at('zh-term', 'zh/chinese.md')).toEqual([4, 12, 12, 12, 14, 14]);
  });

  it('flags 「」 quotes, a lone —, ASCII punctuation after Chinese and missing spaces', () => {
    expect(at('zh-quotes', 'chinese.md')).toEqual([18]);
    expect(at('zh-dash', 'chinese.md')).toEqual([19]);
    expect(at('zh-punctuation', 'chinese.md')).toEqual([20]);
    expect(messages('zh-punctuation')[0]).toContain('3 places');
    expect(at('zh-spacing', 'chinese.md')).toEqual([21]);
  });

  it('wants commands, flags and addresses of a summary in backticks', () => {
    expect(at('summary-code', 'zh/chinese.md')).toEqual([4]);
    expect(messages('summary-code')[0]).toMatch(/“--network”, “172\.18\.0\.1”/);
    expect(problems.filter((p) => p.rule === 'summary-code')).toHaveLength(1);
  });

  it('holds Chinese UI strings in .ts files to the glossary, skipping comments and regular expressions', () => {
    const strings = validateSourceStrings(fileURLToPath(new URL('./fixtures/rules-src/', import.meta.url)));
    expect(strings.map((p) => `${p.rule}:${p.line}`)).toEqual(['zh-term:3', 'zh-quotes:4', 'zh-quotes:4', 'zh-term:8']);
    expect(strings[0]!.file).toBe('test/unit/fixtures/rules-src/strings.ts');
  });

  it('reads language_specific from the front matter and keeps files without it valid', () => {
    const { docs } = readTopicDocs(fixtures);
    expect(docs.find((d) => d.id === 'parity' && d.lang === 'zh')!.languageSpecific).toEqual([
      { text: 'registry.cn-hangzhou.aliyuncs.com', reason: 'a mirror that only matters to readers in mainland China' },
      { text: '3306', reason: 'the MySQL example is for Chinese readers only' },
    ]);
    expect(docs.find((d) => d.id === 'commands' && d.lang === 'en')!.languageSpecific).toEqual([]);
  });
});

describe('the tokens parity compares', () => {
  const tokens = (line: string) => lineTokens(line).map((t) => `${t.kind}:${t.value}`);

  it('finds addresses and prefixes, flags and numbers of two or more digits', () => {
    expect(tokens('inet 172.17.0.2/16 on eth0, fe80::42:acff:fe11:2/64 and ::1; `-p 127.0.0.1:8080:80` with --net=host')).toEqual([
      'address:172.17.0.2/16',
      'address:127.0.0.1',
      'address:fe80::42:acff:fe11:2/64',
      'address:::1',
      'flag:-p',
      'flag:--net',
      'number:8080',
      'number:80',
    ]);
  });

  it('skips URLs, MAC addresses, ids and names with digits, and folds thousands separators', () => {
    expect(tokens('see https://docs.docker.com/engine/release-notes/20.10/ 02:42:ac:11:00:02 0147b8d16c64 docker0 eth0@if28 1,500 bytes')).toEqual(['number:1500']);
  });

  it('keeps address patterns such as 172.17.x.x whole, and versions as numbers', () => {
    expect(tokens('172.17.x.x or 192.168.x, since Docker v20.10 and 1.8')).toEqual(['address:172.17.x.x', 'address:192.168.x', 'number:20.10', 'number:1.8']);
  });
});
