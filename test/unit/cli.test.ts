// The netlab command line, run in-process with captured streams: exit codes, JSON shapes and
// polite refusals (never a stack trace).
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { Library } from '../../src/content/library.ts';
import { SCENARIO_NAMES } from '../../src/demos/registry.ts';

async function netlab(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) });
  const code = await main(args, {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    stdin: Readable.from([stdin]),
    env: { LOG_LEVEL: 'silent' },
  });
  return { code, out, err };
}

describe('netlab ask', () => {
  it('prints exactly one JSON object with --json', async () => {
    const { code, out } = await netlab(['ask', '为什么 none 模式只有 lo', '--json']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result.covered).toBe(true);
    expect(result.results[0]).toMatchObject({ id: 'mode-none', title: expect.any(String), score: expect.any(Number) });
    expect(result.results.length).toBeLessThanOrEqual(5);
    expect(Object.keys(result).sort()).toEqual(['covered', 'lang', 'results']);
  });

  it('answers a clearly Chinese question in Chinese on an English system, and says so once', async () => {
    const json = JSON.parse((await netlab(['ask', '为什么 none 模式只有 lo', '--lang', 'en', '--json'])).out);
    expect(json).toMatchObject({ covered: true, lang: 'zh' });
    const { out } = await netlab(['ask', '为什么 none 模式只有 lo', '--lang', 'en']);
    expect(out).toContain('相关主题');
    expect(out).toContain('问题是中文，所以用中文回答');
    const english = JSON.parse((await netlab(['ask', 'why does none mode only have lo', '--lang', 'zh', '--json'])).out);
    expect(english.lang).toBe('en');
    // A bare term says nothing about its language: the chosen one answers, without a note.
    const term = await netlab(['ask', 'docker0', '--lang', 'zh']);
    expect(term.out).toMatch(/[\u4e00-\u9fff]/);
    expect(term.out).not.toContain('所以用中文回答');
  });

  it('answers one JSON line per input line, in order, with --stdin', async () => {
    const { code, out } = await netlab(['ask', '--json', '--stdin', '--lang', 'en'], 'what is docker0\n\nkubernetes networkpolicy\n--net=host\n');
    expect(code).toBe(0);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(4);
    expect(rows[0].results[0].id).toBe('mode-bridge-default');
    expect(rows[1]).toMatchObject({ covered: false, results: [] });
    expect(rows[2].covered).toBe(false);
    expect(rows[3].results[0].id).toBe('mode-host');
  });

  it('renders an answer for the terminal in the chosen language', async () => {
    const { code, out } = await netlab(['ask', 'none 模式', '--lang', 'zh']);
    expect(code).toBe(0);
    expect(out).toMatch(/lo/);
    expect(out).toMatch(/[\u4e00-\u9fff]/);
    expect(out).not.toContain('\\_');
  });

  it.each([[''], ['   '], ['x'.repeat(10_000)], ['\u0001\u0002\u0003'], ['🐳🔥💥']])('refuses a bad question with a clear line and exit code 2 (%#)', async (q) => {
    const { code, out, err } = await netlab(['ask', q]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^netlab: /);
    expect(err).not.toMatch(/\n\s+at /);
  });
});

describe('netlab learn and topics', () => {
  it('shows a topic by alias', async () => {
    const { code, out } = await netlab(['learn', '点到点', '--lang', 'zh']);
    expect(code).toBe(0);
    expect(out).toContain('veth');
  });

  it('refuses an unknown topic with suggestions and exit code 2', async () => {
    const { code, err } = await netlab(['learn', 'brdge-mode']);
    expect(code).toBe(2);
    expect(err).toMatch(/no topic called/);
  });

  it('lists every topic as JSON', async () => {
    const { out } = await netlab(['topics', '--json']);
    expect(JSON.parse(out)).toHaveLength(Library.load().topics.length);
  });

  it('lists the topics when learn gets no topic, in the shell’s words', async () => {
    const { code, out } = await netlab(['learn', '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toContain('netlab learn <topic>');
    expect(out).toContain('mode-none');
    expect(out).not.toMatch(/no topic called/);
  });

  it('names commands as a shell user types them', async () => {
    const { out } = await netlab(['learn', 'mode-none', '--lang', 'en']);
    expect(out).toContain('netlab demo none');
    expect(out).toContain('netlab learn ');
    expect(out).not.toMatch(/(^|\s)\/(learn|demo) /m);
  });
});

describe('usage errors', () => {
  it('refuses an unknown scenario with the valid list, and suggests the closest', async () => {
    const { code, err } = await netlab(['demo', 'privileged', '--lang', 'en']);
    expect(code).toBe(2);
    expect(err).toContain(SCENARIO_NAMES.join(', '));
    const typo = await netlab(['demo', 'brige', '--lang', 'en']);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('Did you mean `bridge`?');
  });

  it('refuses an unknown flag instead of ignoring it, and names the one meant', async () => {
    const { code, out, err } = await netlab(['ask', 'what is docker0', '--jsno']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown option --jsno');
    expect(err).toContain('did you mean --json?');
  });

  it('answers -h and --help on every subcommand, and --version', async () => {
    for (const args of [['-h'], ['--help'], ['ask', '-h'], ['demo', '--help'], ['sandbox', '-h']]) {
      const { code, out } = await netlab(args);
      expect([code, out]).toEqual([0, expect.stringContaining('Usage: netlab')]);
    }
    const { code, out } = await netlab(['--version']);
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^netlab \d+\.\d+\.\d+$/);
  });

  it('refuses an unknown command and a bad --lang', async () => {
    expect((await netlab(['frobnicate'])).code).toBe(2);
    expect((await netlab(['ask', 'hi', '--lang', 'fr'])).err).toMatch(/--lang takes zh or en/);
  });

  it('names every bad setting', async () => {
    let err = '';
    const code = await main(['topics'], {
      stdout: new Writable({ write: (_c, _e, d) => d() }),
      stderr: new Writable({ write: (c, _e, d) => ((err += String(c)), d()) }),
      stdin: Readable.from([]),
      env: { SANDBOX_CPUS: 'all of them', DISCORD_GUILD_ID: 'x' },
    });
    expect(code).toBe(1);
    expect(err).toContain('SANDBOX_CPUS');
    expect(err).toContain('DISCORD_GUILD_ID');
  });
});
