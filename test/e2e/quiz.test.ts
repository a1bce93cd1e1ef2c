// /quiz end to end: the real discord.js client against the fake Discord — a question with
// buttons in both languages, the answer replacing it, someone else's click, the timeout, and 30
// members answering at once, every payload within Discord's limits.
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quizBank, type QuizItem } from '../../src/quiz/bank.ts';
import { customIds, embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import type { InteractionRecord } from './fake-discord.ts';
import { button, chatInput, FAKE_IDS } from './interactions.ts';

const bank = quizBank();
let h: BotHarness;
let clockOffset = 0;

beforeAll(async () => {
  h = await startBotHarness({ now: () => Date.now() + clockOffset });
  await h.fake.waitForReady();
});

afterAll(async () => {
  await h.stop();
  expect(h.fake.violations).toEqual([]);
  expect(h.fake.errors).toEqual([]);
});

interface Question {
  readonly message: APIMessage;
  readonly item: QuizItem;
  /** Custom ids of the answer buttons, in order. */
  readonly ids: string[];
  /** 1-based position of the right choice. */
  readonly right: number;
}

/** The question as the member sees it: which item it is, its buttons, where the right answer sits. */
function readQuestion(message: APIMessage, lang: 'en' | 'zh'): Question {
  const text = embedText(message);
  const item = bank.items.find((i) => text.includes(i.text[lang].question))!;
  expect(item, text).toBeDefined();
  const choices = text.split('\n').flatMap((l) => /^\*\*\d+\.\*\* (.*)$/.exec(l)?.slice(1) ?? []);
  return { message, item, ids: customIds(message).filter((id) => /^quiz:[0-9a-f]{16}\.\d$/.test(id)), right: choices.indexOf(item.text[lang].answer) + 1 };
}

async function ask(userId: string, locale: 'en-US' | 'zh-CN', topic?: string): Promise<Question> {
  const record = h.send(chatInput({ name: 'quiz', userId, locale, ...(topic ? { options: { topic } } : {}) }));
  return readQuestion(await finalAnswer(record), locale === 'zh-CN' ? 'zh' : 'en');
}

function press(q: Question, choice: number, userId: string, locale: 'en-US' | 'zh-CN' = 'en-US'): InteractionRecord {
  return h.send(button({ customId: q.ids[choice - 1]!, message: q.message, userId, locale }));
}

const member = (n: number) => `14000000000000${String(n).padStart(5, '0')}`;

describe('/quiz through Discord', () => {
  it('asks in English with one button per choice, and replaces the question with the result', async () => {
    const q = await ask(member(1), 'en-US', 'mode-none');
    expect(q.ids.length).toBeGreaterThanOrEqual(3);
    expect(q.right).toBeGreaterThan(0);
    const record = press(q, q.right, member(1));
    const result = await finalAnswer(record);
    expect(record.callbacks[0]!.type).toBe(7); // the question message itself is updated
    expect(result.embeds[0]!.title).toBe('✅ Right');
    expect(embedText(result)).toContain(q.item.text.en.explanation);
    expect(customIds(result)).toEqual(['quiz:next', 'learn:mode-none']);
    expect(record.violations).toEqual([]);
  });

  it('asks in Chinese, and says so in Chinese when the answer is wrong', async () => {
    const q = await ask(member(2), 'zh-CN', 'port-publishing');
    expect(embedText(q.message)).toMatch(/测验 · /);
    const wrong = q.right === 1 ? 2 : 1;
    const result = await finalAnswer(press(q, wrong, member(2), 'zh-CN'));
    expect(result.embeds[0]!.title).toBe('❌ 答错了');
    expect(embedText(result)).toContain(q.item.text.zh.explanation);
  });

  it('tells someone else who clicks to start their own, only them, and leaves the question to its owner', async () => {
    const q = await ask(member(3), 'en-US');
    const intruder = press(q, q.right, member(4));
    const callback = await intruder.waitForCallback();
    expect(callback.type).toBe(4);
    expect(callback.data!['flags']).toBe(64);
    expect(JSON.stringify(callback.data)).toMatch(/Start your own/);
    expect(JSON.stringify(callback.data)).toContain('quiz:next');
    const owner = await finalAnswer(press(q, q.right, member(3)));
    expect(owner.embeds[0]!.title).toBe('✅ Right');
  });

  it('closes a question after its time, showing the answer without counting it', async () => {
    const q = await ask(member(5), 'en-US', 'dns-resolution');
    clockOffset += h.config.companion.quizTimeoutSec * 1000;
    const result = await finalAnswer(press(q, q.right, member(5)));
    expect(result.embeds[0]!.title).toBe('⏱ Time’s up');
    expect(h.store.quiz.scores({ scope: FAKE_IDS.guildId, userId: member(5) }).size).toBe(0);
    const late = press(q, q.right, member(5));
    expect(JSON.stringify((await late.waitForCallback()).data)).toMatch(/This question is closed/);
  });

  it('refuses a second /quiz while one is open', async () => {
    await ask(member(6), 'en-US');
    const second = h.send(chatInput({ name: 'quiz', userId: member(6), locale: 'en-US' }));
    const callback = await second.waitForCallback();
    expect(callback.data!['flags']).toBe(64);
    expect(JSON.stringify(callback.data)).toMatch(/already have a question open/);
  });

  it('takes 30 members answering at the same moment: each gets their own result, and every answer is stored', async () => {
    const members = Array.from({ length: 30 }, (_, i) => member(100 + i));
    const questions = await Promise.all(members.map((m) => ask(m, 'en-US')));
    const records = questions.map((q, i) => press(q, i % 2 === 0 ? q.right : (q.right % q.ids.length) + 1, members[i]!));
    const results = await Promise.all(records.map((r) => finalAnswer(r)));
    results.forEach((message, i) => {
      expect(message.embeds[0]!.title).toBe(i % 2 === 0 ? '✅ Right' : '❌ Not quite');
      expect(embedText(message)).toContain(questions[i]!.item.text.en.question);
    });
    for (const [i, m] of members.entries()) {
      const scores = [...h.store.quiz.scores({ scope: FAKE_IDS.guildId, userId: m }).values()];
      expect(scores).toEqual([{ right: i % 2 === 0 ? 1 : 0, total: 1 }]);
    }
    expect(records.flatMap((r) => r.violations)).toEqual([]);
  });
});
