// `netlab daemon-json FILE|-`, run in-process like cli.test.ts: the --json shape scripts rely on,
// the exit codes (0 starts, 1 will not start, 2 a file that cannot be read) and plain refusals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { DAEMON_JSON_MAX_BYTES } from '../../src/commands/daemon-json.ts';
import { CORPUS_DIR, loadCorpus } from '../fixtures/daemon-json/corpus.ts';

async function netlab(args: string[], stdin = '', env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) });
  const code = await main(args, {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    stdin: Readable.from([stdin]),
    env: { LOG_LEVEL: 'silent', ...env },
  });
  return { code, out, err };
}

const fixture = (name: string) => join(CORPUS_DIR, `${name}.json`);
const scratch = mkdtempSync(join(tmpdir(), 'netlab-daemon-json-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The exact --json contract: two keys, and three per problem. */
function expectContract(json: unknown): void {
  expect(Object.keys(json as object).sort()).toEqual(['problems', 'verdict']);
  const { verdict, problems } = json as { verdict: string; problems: Record<string, unknown>[] };
  expect(['starts', 'will-not-start', 'starts-with-warnings']).toContain(verdict);
  for (const problem of problems) {
    expect(Object.keys(problem).sort()).toEqual(['key', 'message', 'severity']);
    expect(['error', 'warning', 'info']).toContain(problem['severity']);
    expect(problem['message']).toEqual(expect.stringMatching(/\S/));
  }
}

describe('netlab daemon-json --json', () => {
  it('prints exactly {verdict, problems} on one line and exits 1 when dockerd will not start', async () => {
    const { code, out, err } = await netlab(['daemon-json', fixture('bip-without-prefix'), '--json']);
    expect(err).toBe('');
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expectContract(json);
    expect(json).toEqual({ verdict: 'will-not-start', problems: [{ key: 'bip', severity: 'error', message: expect.stringContaining('invalid CIDR address: 172.17.0.1') }] });
  });

  it('exits 0 with no problems for a file dockerd starts with', async () => {
    const { code, out } = await netlab(['daemon-json', fixture('bip'), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ verdict: 'starts', problems: [] });
  });

  it('exits 0 when dockerd starts with warnings', async () => {
    const { code, out } = await netlab(['daemon-json', fixture('mirror-placeholder-left-in'), '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expectContract(json);
    expect(json.verdict).toBe('starts-with-warnings');
    expect(json.problems).toContainEqual(expect.objectContaining({ key: 'registry-mirrors', severity: 'warning' }));
  });

  it('gives every corpus file its expected verdict, and the exit code that goes with it', async () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    for (const file of corpus) {
      const { code, out } = await netlab(['daemon-json', file.path, '--json']);
      const json = JSON.parse(out);
      expectContract(json);
      expect(json.verdict, file.name).toBe(file.expected.verdict);
      expect(code, file.name).toBe(file.expected.verdict === 'will-not-start' ? 1 : 0);
    }
  });

  // The whole corpus is judged in doctor-corpus.test.ts; here, the three cases a real dockerd 20.10 settled.
  it('gives the corpus verdicts proven on dockerd 20.10, and the exit code that goes with each', async () => {
    const proven = loadCorpus().filter((f) => ['ipv6-without-subnet', 'bip-without-prefix', 'singular-registry-mirror'].includes(f.name));
    expect(proven).toHaveLength(3);
    for (const file of proven) {
      const { code, out } = await netlab(['daemon-json', file.path, '--json', '--engine', '20.10']);
      const json = JSON.parse(out);
      expectContract(json);
      expect(json.verdict, file.name).toBe(file.expected['verdict-20.10']);
      expect(code, file.name).toBe(file.expected['verdict-20.10'] === 'will-not-start' ? 1 : 0);
    }
  });

  it('reads stdin for -, and checks the LAN ranges given with --lan', async () => {
    const { code, out } = await netlab(['daemon-json', '-', '--json', '--lan', '192.168.1.0/24,10.8.0.0/16'], '{"bip": "10.8.0.1/24"}');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expectContract(json);
    expect(json.verdict).toBe('starts-with-warnings');
    expect(json.problems).toContainEqual(expect.objectContaining({ key: 'bip', severity: 'warning', message: expect.stringContaining('your LAN 10.8.0.0/16') }));
  });

  it('weighs a key by the Engine named with --engine', async () => {
    const text = '{"host-gateway-ips": ["172.17.0.1"]}';
    expect((await netlab(['daemon-json', '-', '--json', '--engine', '28.5'], text)).out).toContain('"verdict":"starts"');
    const old = await netlab(['daemon-json', '-', '--json', '--engine', '20.10'], text);
    expect(old.code).toBe(1);
    expect(JSON.parse(old.out).verdict).toBe('will-not-start');
  });
});

describe('netlab daemon-json for a person', () => {
  it('explains the file in the chosen language and ends with the verdict', async () => {
    const zh = await netlab(['daemon-json', fixture('bip-without-prefix'), '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.out).toContain('结论：dockerd 无法启动');
    expect(zh.out).toContain('netlab learn daemon-json');
    const en = await netlab(['daemon-json', fixture('bip'), '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('Verdict: dockerd starts');
    expect(en.out).not.toMatch(/^\{/);
  });
});

describe('netlab daemon-json needs no settings', () => {
  it('checks a file even where netlab’s own settings would stop the bot (a plain-TCP DOCKER_HOST, a malformed token)', async () => {
    const { code, out, err } = await netlab(['daemon-json', '-', '--json'], '{"mtu": 1400}', { DOCKER_HOST: 'tcp://10.0.0.5:2375', DISCORD_TOKEN: 'not-a-token' });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ verdict: 'starts', problems: [] });
  });
});

describe('netlab daemon-json refusals', () => {
  it('says clearly that a file is missing, and exits 2 with nothing on stdout', async () => {
    const { code, out, err } = await netlab(['daemon-json', join(scratch, 'nope.json'), '--json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^netlab: cannot read .*nope\.json: no such file\.\n$/);
    const zh = await netlab(['daemon-json', join(scratch, 'nope.json'), '--lang', 'zh']);
    expect(zh.err).toMatch(/读不了 .*nope\.json：文件不存在。/);
  });

  it('refuses a directory and a file too large to be a daemon.json, with exit 2', async () => {
    const dir = await netlab(['daemon-json', scratch]);
    expect(dir.code).toBe(2);
    expect(dir.err).toContain('that is a directory');
    const big = join(scratch, 'big.json');
    writeFileSync(big, `{"labels": ["${'x'.repeat(DAEMON_JSON_MAX_BYTES)}"]}`);
    const large = await netlab(['daemon-json', big, '--json']);
    expect(large.code).toBe(2);
    expect(large.out).toBe('');
    expect(large.err).toContain(`larger than ${DAEMON_JSON_MAX_BYTES} bytes`);
    const piped = await netlab(['daemon-json', '-'], 'x'.repeat(DAEMON_JSON_MAX_BYTES + 1));
    expect(piped.code).toBe(2);
    expect(piped.err).toContain('stdin is larger than');
  });

  it('takes exactly one file, and refuses unknown flags', async () => {
    expect((await netlab(['daemon-json'])).code).toBe(2);
    expect((await netlab(['daemon-json', 'a.json', 'b.json'])).code).toBe(2);
    const flag = await netlab(['daemon-json', fixture('bip'), '--png', 'x.png']);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('unknown option --png');
  });
});
