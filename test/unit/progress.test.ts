// /progress: topics read, demos run per scenario, quiz accuracy per topic (weakest first), the
// streak of study days, and suggestions that follow from all of that; per server, only for the member.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { demo } from '../../src/commands/demo.ts';
import { learn } from '../../src/commands/learn.ts';
import { progress } from '../../src/commands/progress.ts';
import { Library } from '../../src/content/library.ts';
import { quiz } from '../../src/commands/quiz.ts';
import { streak, type ProgressReport } from '../../src/progress/report.ts';
import { quizBank } from '../../src/quiz/bank.ts';
import { Store } from '../../src/store/store.ts';
import { CommandHarness } from './fakes/command-context.ts';

const DAY = 86_400_000;
const bank = quizBank();
const library = Library.load();

async function answerOnce(h: CommandHarness, topic: string, right: boolean): Promise<void> {
  const q = ((await h.run(quiz, { topic })).data as { quiz: { id: string; item: string; choices: string[] } }).quiz;
  const correct = bank.get(q.item)!.text.en.answer;
  await h.press(quiz, `${q.id}.${q.choices.findIndex((c) => (c === correct) === right) + 1}`);
}

describe('the streak', () => {
  it('counts consecutive UTC days back from today, or from yesterday before today’s first step', () => {
    const now = Date.UTC(2026, 10, 5, 12);
    expect(streak([now - 2 * DAY, now - DAY, now], now)).toEqual({ days: 3, today: true });
    expect(streak([now - 2 * DAY, now - DAY], now)).toEqual({ days: 2, today: false });
    expect(streak([now - 3 * DAY, now - DAY], now)).toEqual({ days: 1, today: false });
    expect(streak([now - 2 * DAY], now)).toEqual({ days: 0, today: false });
    expect(streak([], now)).toEqual({ days: 0, today: false });
  });
});

describe('/progress', () => {
  let h: CommandHarness;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    h = new CommandHarness(Store.memory());
  });
  afterEach(() => vi.useRealTimers());

  const report = (answer: Answer) => answer.data as ProgressReport;

  it('starts empty, with a core topic to read first', async () => {
    const r = report(await h.run(progress));
    expect(r).toMatchObject({ topicsRead: [], demos: [], quiz: [], streakDays: 0, dueQuestions: bank.items.length });
    expect(r.nextUp).toContainEqual({ command: 'learn', argument: 'mode-bridge-default', reason: 'start-here' });
  });

  it('adds up reading, demos and quiz answers over three days, and suggests what follows from them', async () => {
    await h.run(learn, { topic: 'mode-none' });
    vi.advanceTimersByTime(DAY);
    await h.run(learn, { topic: 'mode-none' });
    await h.run(demo, { scenario: 'bridge' });
    vi.advanceTimersByTime(DAY);
    await answerOnce(h, 'mode-host', false);
    await answerOnce(h, 'mode-none', true);
    const answer = await h.run(progress);
    const r = report(answer);
    expect(r.topicsRead).toEqual([{ topic: 'mode-none', times: 2 }]);
    expect(r.demos).toEqual([{ scenario: 'bridge', runs: 1 }]);
    expect(r.quiz).toEqual([
      { topic: 'mode-host', right: 0, total: 1 },
      { topic: 'mode-none', right: 1, total: 1 },
    ]);
    expect(r.streakDays).toBe(3);
    expect(r.nextUp).toEqual([
      { command: 'quiz', argument: 'mode-host', reason: 'weak', detail: { right: 0, total: 1 } },
      { command: 'learn', argument: expect.any(String), reason: 'related' },
      { command: 'demo', argument: 'none', reason: 'see-it-live' },
    ]);
    expect(library.doc('mode-none', 'en').related).toContain(r.nextUp[1]!.argument);
    expect(answer.fields?.map((f) => f.name)).toEqual([`Topics read: 1 of ${library.topics.length}`, 'Demos run', 'Quiz accuracy (weakest first)', 'Streak', 'Questions due', 'Next up']);
  });

  it('is per server, and in Chinese for a Chinese member', async () => {
    await h.run(learn, { topic: 'mode-host' }, { guildId: '1300000000000000199' });
    const answer = await h.run(progress, {}, { lang: 'zh' });
    expect(report(answer).topicsRead).toEqual([]);
    expect(answer.title).toBe('你的学习进度');
    expect(answer.fields?.[0]?.value).toBe('还没有');
  });

  it('leaves /quiz out of the suggestions where the server turned it off', async () => {
    await answerOnce(h, 'mode-host', false);
    vi.advanceTimersByTime(DAY);
    h.store.settings.update('1300000000000000100', { quiz: false }, 'x');
    expect(report(await h.run(progress)).nextUp.some((s) => s.command === 'quiz')).toBe(false);
  });

  it('is private', () => {
    expect(progress.private).toBe(true);
  });
});
