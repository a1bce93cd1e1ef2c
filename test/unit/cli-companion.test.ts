// The study companion from a shell, as a script would drive it: `netlab quiz --json` asks,
// `netlab quiz --answer N --json` answers in the next process, `netlab progress --json` sums up,
// `netlab db backup FILE` copies the live file; and the console presses buttons by number.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConsoleLine, type ConsoleState } from '../../src/cli/console.ts';
import { main } from '../../src/cli/main.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import { Library } from '../../src/content/library.ts';
import { silentLogger } from '../../src/log.ts';
import { quizBank } from '../../src/quiz/bank.ts';
import { Store } from '../../src/store/store.ts';
import { sandboxOnFakeEngine } from './fakes/command-context.ts';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-cli-'));
  db = join(dir, 'netlab.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function netlab(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) });
  const code = await main(args, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: Readable.from(['']), env: { LOG_LEVEL: 'silent', NETLAB_DB: db } });
  return { code, out, err };
}

const bank = quizBank();

describe('netlab quiz', () => {
  it('asks with --json and answers in the next process with --answer', async () => {
    const asked = await netlab(['quiz', 'none', '--json', '--lang', 'zh']);
    expect(asked.code).toBe(0);
    const { quiz } = JSON.parse(asked.out) as { quiz: { id: string; item: string; topic: string; lang: string; choices: string[] } };
    expect(quiz).toMatchObject({ topic: 'mode-none', lang: 'zh' });
    const right = quiz.choices.indexOf(bank.get(quiz.item)!.text.zh.answer) + 1;
    const answered = await netlab(['quiz', '--answer', String(right), '--json', '--lang', 'zh']);
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.out)).toMatchObject({ quiz: quiz.id, item: quiz.item, outcome: 'right', chosen: right, answer: right, box: 2 });
    const progress = JSON.parse((await netlab(['progress', '--json'])).out) as { quiz: unknown[] };
    expect(progress.quiz).toEqual([{ topic: 'mode-none', right: 1, total: 1 }]);
  });

  it('tells a terminal how to answer, and refuses what makes no sense', async () => {
    const asked = await netlab(['quiz', '--lang', 'en']);
    expect(asked.out).toMatch(/netlab quiz --answer <number>/);
    expect(asked.out).toMatch(/\*?\*?1\.\*?\*? /);
    const again = await netlab(['quiz']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already have a question open/);
    expect((await netlab(['quiz', '--answer', 'two'])).code).toBe(2);
    expect((await netlab(['quiz', '--answer', '7'])).err).toMatch(/does not belong to any question/);
  });

  it('says when no question is open', async () => {
    const { code, err } = await netlab(['quiz', '--answer', '1']);
    expect(code).toBe(1);
    expect(err).toMatch(/No question is open/);
  });
});

describe('netlab db backup', () => {
  it('copies the live database, checked, and never overwrites a file', async () => {
    await netlab(['quiz', '--json']);
    await netlab(['quiz', '--answer', '1']);
    const file = join(dir, 'backup.db');
    const { code, out } = await netlab(['db', 'backup', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/schema version \d+, integrity ok/);
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM quiz_answers').get()).toEqual({ n: 1 });
    copy.close();
    const again = await netlab(['db', 'backup', file]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
    expect((await netlab(['db', 'restore', file])).code).toBe(2);
  });

  it('names NETLAB_DB in one line when the file cannot be opened', async () => {
    db = dir; // a folder, not a file
    const { code, err } = await netlab(['progress']);
    expect(code).toBe(1);
    expect(err).toMatch(/^netlab: NETLAB_DB: cannot open .+\n$/);
  });

  it('creates no database for commands that keep nothing', async () => {
    await netlab(['topics']);
    await netlab(['ask', 'what is docker0', '--json']);
    expect(existsSync(db)).toBe(false);
  });
});

describe('the console', () => {
  it('presses a question’s buttons by number, then the Next button', async () => {
    const deps = { commands: COMMANDS, library: Library.load(), sandbox: sandboxOnFakeEngine(), store: Store.memory(), logger: silentLogger() };
    const state: ConsoleState = { lang: 'en' };
    const question = await runConsoleLine('/quiz mode-host', state, deps, { color: false });
    expect(question).toMatch(/\[1\] {2}\[2\] {2}\[3\] {2}\[4\]/);
    const result = await runConsoleLine('2', state, deps, { color: false });
    expect(result).toMatch(/Right|Not quite/);
    expect(result).toMatch(/\[1\] Next question/);
    expect(await runConsoleLine('1', state, deps, { color: false })).toMatch(/Quiz · /);
    expect(deps.store.quiz.scores({ scope: 'local', userId: 'local' }).get('mode-host')?.total).toBe(1);
    expect(await runConsoleLine('7', state, deps, { color: false })).toMatch(/no button with that number/);
  });

  it('confirms /forget-me by number', async () => {
    const deps = { commands: COMMANDS, library: Library.load(), sandbox: sandboxOnFakeEngine(), store: Store.memory(), logger: silentLogger() };
    const state: ConsoleState = { lang: 'zh' };
    await runConsoleLine('/learn mode-none', state, deps, { color: false });
    expect(await runConsoleLine('/forget-me', state, deps, { color: false })).toMatch(/\[1\] 全部删除 {2}\[2\] 取消/);
    expect(await runConsoleLine('1', state, deps, { color: false })).toMatch(/已删除/);
    expect(deps.store.privacy.records('local').reads).toBe(0);
  });
});
