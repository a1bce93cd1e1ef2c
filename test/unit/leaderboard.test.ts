// /leaderboard: right answers per member in this server, this week (from Monday 00:00 UTC) or all
// time, ties sharing a rank; members can leave it, the organiser can turn it off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { leaderboard } from '../../src/commands/leaderboard.ts';
import { quiz } from '../../src/commands/quiz.ts';
import { quizBank } from '../../src/quiz/bank.ts';
import { weekStart, type Standing } from '../../src/store/leaderboard.ts';
import { Store } from '../../src/store/store.ts';
import { ALICE, BOB, CommandHarness, GUILD } from './fakes/command-context.ts';

const CAROL = '1300000000000000303';
const bank = quizBank();

async function answer(h: CommandHarness, userId: string, right: boolean): Promise<void> {
  const q = ((await h.run(quiz, {}, { userId })).data as { quiz: { id: string; item: string; choices: string[] } }).quiz;
  const correct = bank.get(q.item)!.text.en.answer;
  await h.press(quiz, `${q.id}.${q.choices.findIndex((c) => (c === correct) === right) + 1}`, { userId });
}

const standings = (a: Answer) => (a.data as { standings: Standing[] }).standings;

describe('weekStart', () => {
  it('is Monday 00:00 UTC, whatever the day', () => {
    expect(new Date(weekStart(Date.UTC(2026, 10, 4, 15))).toISOString()).toBe('2026-11-02T00:00:00.000Z'); // a Wednesday
    expect(new Date(weekStart(Date.UTC(2026, 10, 8, 23, 59))).toISOString()).toBe('2026-11-02T00:00:00.000Z'); // Sunday night
    expect(new Date(weekStart(Date.UTC(2026, 10, 9))).toISOString()).toBe('2026-11-09T00:00:00.000Z');
  });
});

describe('/leaderboard', () => {
  let h: CommandHarness;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-06T10:00:00Z')); // a Friday
    h = new CommandHarness(Store.memory());
  });
  afterEach(() => vi.useRealTimers());

  it('ranks right answers this week, ties sharing a rank, and counts older weeks only in all time', async () => {
    await answer(h, CAROL, true);
    vi.setSystemTime(new Date('2026-11-09T09:00:00Z')); // the next Monday
    await answer(h, ALICE, true);
    vi.advanceTimersByTime(11 * 60_000); // past box 1's rest, so a wrong item may come back
    await answer(h, ALICE, true);
    await answer(h, BOB, true);
    await answer(h, BOB, true);
    await answer(h, CAROL, false);
    const week = standings(await h.run(leaderboard));
    expect(week.map((s) => [s.rank, s.userId, s.right])).toEqual([
      [1, ALICE, 2],
      [1, BOB, 2],
    ]);
    const all = standings(await h.run(leaderboard, { period: 'all' }));
    expect(all.map((s) => [s.rank, s.userId])).toEqual([
      [1, ALICE],
      [1, BOB],
      [3, CAROL],
    ]);
  });

  it('leaves out members who opted out, until they opt back in; the confirmation is private', async () => {
    await answer(h, ALICE, true);
    await answer(h, BOB, true);
    const out = await h.run(leaderboard, { show_me: false });
    expect(out.private).toBe(true);
    const board = await h.run(leaderboard, {}, { userId: BOB });
    expect(standings(board).map((s) => s.userId)).toEqual([BOB]);
    expect((await h.run(leaderboard)).body).toMatch(/You are not listed/);
    await h.run(leaderboard, { show_me: true });
    expect(standings(await h.run(leaderboard)).map((s) => s.userId).sort()).toEqual([ALICE, BOB].sort());
  });

  it('renders members as mentions that never ping, medals for the first three, in both languages', async () => {
    await answer(h, ALICE, true);
    const en = await h.run(leaderboard);
    expect(en.body).toContain(`🥇 <@${ALICE}> — 1 right (1 answered)`);
    const zh = await h.run(leaderboard, {}, { lang: 'zh' });
    expect(zh.title).toBe('排行榜 · 本周');
    expect(zh.body).toContain(`🥇 <@${ALICE}> —— 答对 1 题（共答 1 题）`);
  });

  it('is refused where the organiser turned it off, and outside a server; opting out still works', async () => {
    h.store.settings.update(GUILD, { leaderboard: false }, ALICE);
    await expect(h.run(leaderboard)).rejects.toMatchObject({ id: 'leaderboard-off' });
    await expect(h.run(leaderboard, { show_me: false })).resolves.toMatchObject({ data: { optedOut: true } });
    await expect(h.run(leaderboard, {}, { guildId: null })).rejects.toMatchObject({ id: 'leaderboard-need-server' });
  });

  it('is kept per server', async () => {
    await answer(h, ALICE, true);
    expect(standings(await h.run(leaderboard, {}, { guildId: '1300000000000000199' }))).toEqual([]);
  });
});
