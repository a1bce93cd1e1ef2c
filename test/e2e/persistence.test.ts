// Nothing a member saw confirmed is lost: across a clean restart of the bot, and when the real
// bot process (`node bin/netlab.js start`) is SIGKILLed while 30 members answer at once — every
// answer acknowledged to its member is in the database when the bot comes back, as it was shown.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIMessage } from 'discord.js';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quizBank } from '../../src/quiz/bank.ts';
import { customIds, embedText, finalAnswer, startBotHarness } from './bot-harness.ts';
import { FAKE_TOKEN, FakeDiscord, type InteractionRecord } from './fake-discord.ts';
import { button, chatInput, FAKE_IDS } from './interactions.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bank = quizBank();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-persist-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const member = (n: number) => `15000000000000${String(n).padStart(5, '0')}`;

/** The question's answer buttons and the position of the right choice. */
function question(message: APIMessage): { ids: string[]; right: number; id: string } {
  const text = embedText(message);
  const item = bank.items.find((i) => text.includes(i.text.en.question));
  if (!item) throw new Error(`not a question: ${text}`);
  const choices = text.split('\n').flatMap((l) => /^\*\*\d+\.\*\* (.*)$/.exec(l)?.slice(1) ?? []);
  const ids = customIds(message);
  return { ids, right: choices.indexOf(item.text.en.answer) + 1, id: /^quiz:([0-9a-f]{16})\./.exec(ids[0]!)![1]! };
}

describe('across a clean restart', () => {
  it('keeps answers, progress and settings', async () => {
    const env = { NETLAB_DB: join(dir, 'restart.db') };
    const first = await startBotHarness({ env });
    await first.fake.waitForReady();
    const asked = await finalAnswer(first.send(chatInput({ name: 'quiz', userId: member(1), options: { topic: 'mode-host' }, locale: 'en-US' })));
    const q = question(asked);
    await finalAnswer(first.send(button({ customId: q.ids[q.right - 1]!, message: asked, userId: member(1), locale: 'en-US' })));
    first.store.settings.update(FAKE_IDS.guildId, { leaderboard: false }, member(9));
    await first.stop();

    const second = await startBotHarness({ env });
    try {
      await second.fake.waitForReady();
      const progress = await second.send(chatInput({ name: 'progress', userId: member(1), locale: 'en-US' })).waitForCallback();
      expect(JSON.stringify(progress.data)).toContain('`mode-host` 1/1 (100 %)');
      expect(second.store.settings.for(FAKE_IDS.guildId).leaderboard).toBe(false);
    } finally {
      await second.stop();
    }
  });
});

/** `node bin/netlab.js start` against its own fake Discord, with the given database file. */
async function startProcess(db: string) {
  const fake = new FakeDiscord({ token: FAKE_TOKEN });
  await fake.start();
  const child = spawn(process.execPath, ['bin/netlab.js', 'start'], {
    cwd: root,
    env: { PATH: process.env['PATH'], DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, NETLAB_DB: db, LOG_LEVEL: 'warn', SANDBOX_POOL_SIZE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await fake.waitForReady(60_000).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`the bot did not connect: ${String(error)}\n${stderr}`);
  });
  return { fake, child, exited, stderr: () => stderr };
}

describe('SIGKILL during 30 answers', () => {
  it('loses no answer that a member saw confirmed', async () => {
    const db = join(dir, 'sigkill.db');
    const bot = await startProcess(db);
    const members = Array.from({ length: 30 }, (_, i) => member(100 + i));
    let acknowledged: InteractionRecord[] = [];
    const quizOf = new Map<InteractionRecord, { id: string; right: boolean }>();
    try {
      const asked = await Promise.all(members.map((m) => finalAnswer(bot.fake.sendInteraction(chatInput({ name: 'quiz', userId: m, locale: 'en-US' })), 10_000)));
      const presses = asked.map((message, i) => {
        const q = question(message);
        const right = i % 3 !== 0;
        const choice = right ? q.right : (q.right % q.ids.length) + 1;
        const record = bot.fake.sendInteraction(button({ customId: q.ids[choice - 1]!, message, userId: members[i]!, locale: 'en-US' }));
        quizOf.set(record, { id: q.id, right });
        return record;
      });
      // Kill as soon as the first member has their result: the others are in flight.
      await bot.fake.waitUntil(() => (presses.some((r) => r.acknowledged) ? true : undefined), 10_000, 'a first answer acknowledged');
      bot.child.kill('SIGKILL');
      expect(await bot.exited).toEqual({ code: null, signal: 'SIGKILL' });
      acknowledged = presses.filter((r) => r.callbacks.some((c) => c.type === 7 && c.status < 300));
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- the bot's log:\n${bot.stderr().slice(-3000)}`, { cause: error });
    } finally {
      bot.child.kill('SIGKILL');
      await bot.fake.stop();
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(1);

    // Restarted on the same file: it opens (recovering the WAL), and every acknowledged answer is there as shown.
    const again = await startProcess(db);
    try {
      const file = new BetterSqlite3(db, { readonly: true });
      const stored = new Map((file.prepare('SELECT quiz_id, correct FROM quiz_answers').all() as { quiz_id: string; correct: number }[]).map((r) => [r.quiz_id, r.correct === 1]));
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      file.close();
      for (const record of acknowledged) {
        const { id, right } = quizOf.get(record)!;
        expect(stored.get(id), `answer ${id}, acknowledged to its member`).toBe(right);
        expect(record.original!.embeds[0]!.title).toBe(right ? '✅ Right' : '❌ Not quite');
      }
      // What a member who saw the result then finds in /progress, from the restarted bot.
      const first = [...quizOf.entries()].find(([r]) => acknowledged.includes(r))!;
      const userId = (first[0].payload as { member?: { user: { id: string } } }).member!.user.id;
      const progress = await again.fake.sendInteraction(chatInput({ name: 'progress', userId, locale: 'en-US' })).waitForCallback();
      expect(JSON.stringify(progress.data)).toMatch(first[1].right ? /1\/1 \(100 %\)/ : /0\/1 \(0 %\)/);
      console.log(`SIGKILL test: ${acknowledged.length} of 30 answers acknowledged before the kill, ${stored.size} stored after the restart`);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
      await again.fake.stop();
    }
  }, 120_000);
});
