// /quiz: Leitner boxes and the choice of question, then the command itself — buttons that answer
// only for the member who asked, one open question per member, a timeout (fake timers), the
// result with its explanation and topic, and server settings.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { quiz } from '../../src/commands/quiz.ts';
import { Library } from '../../src/content/library.ts';
import type { UserError } from '../../src/errors.ts';
import type { Lang } from '../../src/i18n.ts';
import { quizBank, type QuizItem } from '../../src/quiz/bank.ts';
import { dueAfter, nextBox, REST_MS } from '../../src/quiz/leitner.ts';
import { pickItem, shuffledChoices, type Box } from '../../src/quiz/pick.ts';
import { Store } from '../../src/store/store.ts';
import { ALICE, BOB, CommandHarness, GUILD } from './fakes/command-context.ts';

const bank = quizBank();
const library = Library.load();

interface Shown {
  id: string;
  item: string;
  topic: string;
  choices: string[];
}
const shown = (answer: Answer) => (answer.data as { quiz: Shown }).quiz;
/** The 1-based position of the right choice, or of a wrong one. */
function position(answer: Answer, lang: Lang, right: boolean): number {
  const q = shown(answer);
  const correct = bank.get(q.item)!.text[lang].answer;
  return q.choices.findIndex((c) => (c === correct) === right) + 1;
}

describe('Leitner boxes', () => {
  it('move up one box when right, back to box 1 when wrong, and rest longer in higher boxes', () => {
    expect(nextBox(undefined, true)).toBe(2);
    expect(nextBox(undefined, false)).toBe(1);
    expect(nextBox(4, true)).toBe(5);
    expect(nextBox(5, true)).toBe(5);
    expect(nextBox(5, false)).toBe(1);
    for (let box = 2; box <= 5; box++) expect(REST_MS[box]!).toBeGreaterThan(REST_MS[box - 1]!);
    expect(dueAfter(1, 1_000)).toBe(1_000 + 10 * 60_000);
  });
});

describe('choosing the next question', () => {
  const items = bank.items;
  const base = { items, boxes: new Map<string, Box>(), scores: new Map(), read: new Set<string>(), now: 1_000_000, random: () => 0.5 };

  it('takes a due item from the weakest topic first', () => {
    const scores = new Map([
      ['mode-none', { right: 3, total: 3 }],
      ['mode-host', { right: 0, total: 2 }],
    ]);
    expect(pickItem({ ...base, scores }).item?.topic).toBe('mode-host');
  });

  it('prefers topics the member has read when topics are equally weak, and reviews before new items', () => {
    expect(pickItem({ ...base, read: new Set(['dns-resolution']) }).item?.topic).toBe('dns-resolution');
    const [first, second] = bank.ofTopic('port-publishing');
    const boxes = new Map([[second!.id, { box: 1, dueAt: 0 }]]);
    expect(pickItem({ ...base, topic: 'port-publishing', boxes }).item?.id).toBe(second!.id);
    expect(first).toBeDefined();
  });

  it('says when nothing is due, and practises a chosen topic anyway', () => {
    const later = new Map(items.map((i, n): [string, Box] => [i.id, { box: 2, dueAt: base.now + 1_000 + n }]));
    const none = pickItem({ ...base, boxes: later });
    expect(none).toEqual({ item: undefined, nextDueAt: base.now + 1_000 });
    const practice = pickItem({ ...base, boxes: later, topic: 'mode-none' });
    expect(practice).toMatchObject({ due: false, item: { topic: 'mode-none' } });
  });

  it('shuffles every choice into the order shown, exactly once', () => {
    const order = shuffledChoices(4, Math.random);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('/quiz', () => {
  let h: CommandHarness;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-02T09:00:00Z'));
    h = new CommandHarness(Store.memory({}, { quizTimeoutMs: 120_000 }));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const alice = { scope: GUILD, userId: ALICE };

  it('asks a question in the member’s language with one button per choice', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const answer = await h.run(quiz, {}, { userId: lang === 'en' ? ALICE : BOB, lang });
      const q = shown(answer);
      const item: QuizItem = bank.get(q.item)!;
      expect(answer.body).toContain(item.text[lang].question);
      expect(q.choices.length).toBeGreaterThanOrEqual(3);
      expect(q.choices.length).toBeLessThanOrEqual(4);
      expect(answer.buttons!.map((b) => `${b.command}:${b.argument}`)).toEqual(q.choices.map((_, i) => `quiz:${q.id}.${i + 1}`));
    }
  });

  it('answers right: replaces the question with the result, the explanation and the topic, and moves the box up', async () => {
    const question = await h.run(quiz, { topic: 'none' });
    const q = shown(question);
    const sent = await h.press(quiz, `${q.id}.${position(question, 'en', true)}`);
    expect(sent.how).toBe('update');
    expect(sent.answer.title).toMatch(/Right/);
    expect(sent.answer.body).toContain(bank.get(q.item)!.text.en.explanation);
    expect(sent.answer.links).toEqual([{ label: expect.stringMatching(/^Read: /), topicId: 'mode-none' }]);
    expect(sent.answer.buttons).toEqual([expect.objectContaining({ command: 'quiz', argument: 'next' })]);
    expect(h.store.quiz.boxes(alice).get(q.item)).toEqual({ box: 2, dueAt: Date.now() + REST_MS[2]! });
    expect(h.store.quiz.scores(alice).get('mode-none')).toEqual({ right: 1, total: 1 });
  });

  it('answers wrong in Chinese: marks both choices and sends the item back to box 1', async () => {
    const question = await h.run(quiz, { topic: 'mode-host' }, { lang: 'zh' });
    const q = shown(question);
    const sent = await h.press(quiz, `${q.id}.${position(question, 'zh', false)}`, { lang: 'zh' });
    expect(sent.answer.title).toBe('❌ 答错了');
    expect(sent.answer.body).toMatch(/✅ \*\*\d\.\*\*/);
    expect(sent.answer.body).toMatch(/❌ \*\*\d\.\*\*/);
    expect(h.store.quiz.boxes(alice).get(q.item)?.box).toBe(1);
  });

  it('tells anyone else to start their own, and leaves the question open for its owner', async () => {
    const question = await h.run(quiz);
    const q = shown(question);
    const other = await h.press(quiz, `${q.id}.1`, { userId: BOB });
    expect(other.how).toBe('reply');
    expect(other.answer.body).toMatch(/Start your own/);
    expect(other.answer.buttons).toEqual([expect.objectContaining({ argument: 'next' })]);
    expect(h.store.quiz.scores({ scope: GUILD, userId: BOB }).size).toBe(0);
    expect((await h.press(quiz, `${q.id}.1`)).how).toBe('update');
  });

  it('keeps one open question per member, until it times out', async () => {
    const first = shown(await h.run(quiz));
    const error = (await h.run(quiz).catch((e: unknown) => e)) as UserError;
    expect(error.id).toBe('quiz-open');
    expect(error.messageFor('en')).toMatch(/2 min/);
    vi.advanceTimersByTime(120_001);
    const second = shown(await h.run(quiz));
    expect(second.id).not.toBe(first.id);
  });

  it('after the timeout, shows the answer without counting it', async () => {
    const question = await h.run(quiz, { topic: 'dns-resolution' });
    const q = shown(question);
    vi.advanceTimersByTime(120_000);
    const sent = await h.press(quiz, `${q.id}.${position(question, 'en', true)}`);
    expect(sent.how).toBe('update');
    expect(sent.answer.title).toMatch(/Time’s up/);
    expect(sent.answer.data).toMatchObject({ outcome: 'timed-out' });
    expect(h.store.quiz.scores(alice).size).toBe(0);
    expect(h.store.quiz.boxes(alice).size).toBe(0);
    await expect(h.press(quiz, `${q.id}.1`)).rejects.toMatchObject({ id: 'quiz-closed' });
  });

  it('drops questions nobody came back to a day after their time', async () => {
    shown(await h.run(quiz, {}, { userId: BOB }));
    vi.advanceTimersByTime(25 * 60 * 60_000);
    expect(h.store.quiz.latest({ scope: GUILD, userId: BOB })).toBeDefined();
    await h.run(quiz);
    expect(h.store.quiz.latest({ scope: GUILD, userId: BOB })).toBeUndefined();
  });

  it('takes one answer per question', async () => {
    const q = shown(await h.run(quiz));
    await h.press(quiz, `${q.id}.1`);
    await expect(h.press(quiz, `${q.id}.2`)).rejects.toMatchObject({ id: 'quiz-closed' });
    expect([...h.store.quiz.scores(alice).values()].reduce((n, s) => n + s.total, 0)).toBe(1);
  });

  it.each([['shell:ls'], ['0123456789abcdef.1'], ['0123456789ABCDEF.1'], ['next.1'], [`${'a'.repeat(16)}.0`]])('refuses a forged button “%s”', async (argument) => {
    await expect(h.press(quiz, argument)).rejects.toMatchObject({ id: expect.stringMatching(/^quiz-(unknown-button|closed)$/) });
  });

  it('refuses a choice the question does not have', async () => {
    const q = shown(await h.run(quiz));
    await expect(h.press(quiz, `${q.id}.9`)).rejects.toMatchObject({ id: 'quiz-unknown-button' });
  });

  it('starts a new question from the Next button, for whoever clicks it', async () => {
    const q = shown(await h.run(quiz));
    await h.press(quiz, `${q.id}.1`);
    const next = await h.press(quiz, 'next', { userId: BOB });
    expect(shown(next.answer).id).toMatch(/^[0-9a-f]{16}$/);
    expect(h.store.quiz.open({ scope: GUILD, userId: BOB })).toBeDefined();
  });

  it('obeys the server: off is refused, other servers and direct messages are not affected', async () => {
    h.store.settings.update(GUILD, { quiz: false }, ALICE);
    await expect(h.run(quiz)).rejects.toMatchObject({ id: 'quiz-off' });
    await expect(h.press(quiz, 'next')).rejects.toMatchObject({ id: 'quiz-off' });
    await expect(h.run(quiz, {}, { guildId: '1300000000000000199' })).resolves.toMatchObject({ buttons: expect.any(Array) });
    await expect(h.run(quiz, {}, { guildId: null })).resolves.toMatchObject({ buttons: expect.any(Array) });
  });

  it('says which topics have questions when the chosen one has none', async () => {
    // The bank grows towards every topic having questions: take glossary-zh's away for this test.
    const ofTopic = bank.ofTopic.bind(bank);
    const spy = vi.spyOn(bank, 'ofTopic').mockImplementation((topic) => (topic === 'glossary-zh' ? [] : ofTopic(topic)));
    const error = (await h.run(quiz, { topic: 'glossary-zh' }).catch((e: unknown) => e)) as UserError;
    spy.mockRestore();
    expect(error.id).toBe('quiz-no-items');
    expect(error.messageFor('zh')).toContain('`mode-none`');
  });

  it('says so when nothing is due, and when the next question will be', async () => {
    for (const item of bank.items) {
      const q = shown(await h.run(quiz, { topic: item.topic }));
      const question = { data: { quiz: q } } as Answer;
      await h.press(quiz, `${q.id}.${position(question, 'en', true)}`);
    }
    const caughtUp = await h.run(quiz);
    expect(caughtUp.title).toBe('All caught up');
    expect(caughtUp.body).toMatch(/due in about \d+ (h|day|days)/);
  });

  it('offers only topics with questions in autocomplete', () => {
    const complete = (value: string) => quiz.autocomplete!({ lang: 'zh', surface: 'discord', library, focused: { name: 'topic', value } }).map((c) => c.value);
    expect(complete('').sort()).toEqual([...bank.topics].sort());
    expect(complete('host')).toContain('mode-host');
    expect(complete('host').every((id) => bank.topics.includes(id))).toBe(true);
  });
});
