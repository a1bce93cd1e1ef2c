// A newcomer's first minutes, scripted: the local console in a real terminal (a pty, through
// util-linux `script`), driven key by key — commands in both languages, option:value, a typo,
// Tab, Ctrl-C on a half-typed line, Ctrl-C during a demo, Ctrl-D, `| head`, SIGTERM. Every way
// out ends the process within 5 s (what a person at the keyboard would notice) and leaves nothing
// labelled on the engine.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { managedResources, requireEngine } from '../integration/engine.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const EXIT_LIMIT_MS = 5_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][A-Z0-9]|\r/g;

interface Terminal {
  readonly child: ChildProcess;
  /** Everything the terminal showed so far, escape sequences removed. */
  screen(): string;
  type(keys: string): void;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Milliseconds from now until the process ended (rejects after `limitMs`). */
  exit(limitMs?: number): Promise<{ code: number | null; afterMs: number }>;
}

/** `command` in a pseudo-terminal of its own, as a person would run it. */
function terminal(command: string): Terminal {
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: root,
    env: { ...process.env, TERM: 'xterm', COLUMNS: '160', LINES: '50', LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout!.on('data', (d) => (raw += String(d)));
  child.stderr!.on('data', (d) => (raw += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const screen = () => raw.replace(ANSI, '');
  return {
    child,
    screen,
    type: (keys) => void child.stdin!.write(keys),
    async waitFor(text, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      const seen = () => (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
      while (!seen()) {
        if (Date.now() > end) throw new Error(`the terminal never showed ${String(text)}:\n${screen().slice(-2_000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async exit(limitMs = EXIT_LIMIT_MS) {
      const from = Date.now();
      const code = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${limitMs} ms later:\n${screen().slice(-1_500)}`)), limitMs))]);
      return { code, afterMs: Date.now() - from };
    },
  };
}

const CONSOLE = 'node bin/netlab.js console';
const PROMPT = 'netlab> ';
const typed = (t: Terminal, line: string) => t.type(`${line}\r`);
let open: Terminal | undefined;
let engine: Awaited<ReturnType<typeof requireEngine>>;

beforeAll(async () => {
  engine = await requireEngine();
});

afterEach(async () => {
  open?.child.kill('SIGKILL');
  open = undefined;
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
});

describe('a newcomer at the console', () => {
  it('asks, learns and runs demos in both languages, is forgiven a typo, completes with Tab, and Ctrl-C during a demo ends it cleanly', async () => {
    const t = (open = terminal(`${CONSOLE} --lang en`));
    await t.waitFor(PROMPT);
    typed(t, '/ask question:why does none mode only have lo');
    await t.waitFor('topic: mode-none');
    typed(t, '/aks hi');
    await t.waitFor('Did you mean /ask?');
    t.type('/lea\t'); // Tab completes the command…
    await t.waitFor('/learn');
    t.type('\u0015'); // …and Ctrl-U clears the line again
    t.type('/learn topic:mode-h'); // a half-typed line…
    t.type('\u0003'); // …that Ctrl-C clears, without leaving the console
    typed(t, '/lang zh');
    await t.waitFor('已切换到中文');
    typed(t, '/learn topic:mode-host');
    await t.waitFor('主题：mode-host');
    typed(t, '/modes');
    await t.waitFor('Docker 网络模式对比');
    typed(t, '/demo scenario:none');
    await t.waitFor(/只有 `?lo`?/);
    typed(t, '/demo p2p');
    await t.waitFor('/demo p2p');
    await new Promise((r) => setTimeout(r, 800)); // the demo is running now
    t.type('\u0003');
    const { code } = await t.exit();
    expect(code).toBe(130);
    expect(t.screen()).toMatch(/正在停止演示并删除它的容器|bye, removed \d+ containers?/);
    expect(t.screen()).toMatch(/bye, removed \d+ containers?/);
  }, 120_000);

  it('Ctrl-C at an idle prompt, Ctrl-D and /quit each end it promptly', async () => {
    for (const [keys, expected] of [['\u0003', 130], ['\u0004', 0], ['/quit\r', 0]] as const) {
      const t = (open = terminal(`${CONSOLE} --lang en`));
      await t.waitFor(PROMPT);
      t.type(keys);
      const { code } = await t.exit();
      expect(code).toBe(expected);
      expect(t.screen()).toMatch(/bye, removed \d+ containers?/);
      open = undefined;
      expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
    }
  }, 120_000);

  it('a closed stdout (`| head`) ends it at the next keystroke instead of crashing', async () => {
    const t = (open = terminal(`${CONSOLE} --lang en | head -4`));
    await t.waitFor('/modes');
    await new Promise((r) => setTimeout(r, 3_000)); // its sandbox is up and its pool filling
    typed(t, '/help');
    const { code } = await t.exit();
    expect(code).toBe(0);
    expect(t.screen()).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
  }, 60_000);

  it.each(['SIGTERM', 'SIGHUP'] as const)('%s ends it promptly and cleanly', async (signal) => {
    const t = (open = terminal(`exec ${CONSOLE} --lang en`));
    await t.waitFor(PROMPT);
    const node = Number(execFileSync('pgrep', ['-P', String(t.child.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(node, signal);
    await t.exit();
    expect(t.screen()).toMatch(/bye, removed \d+ containers?/);
  }, 60_000);
});
