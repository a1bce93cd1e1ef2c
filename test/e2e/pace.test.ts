// A member's pace through the real bot with the default limits: a burst of commands, then one
// every few seconds (the rest hear "please wait"), and a classmate pinged once a minute at most.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from './interactions.ts';
import { startBotHarness, type BotHarness } from './bot-harness.ts';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({ env: { MEMBER_COMMAND_BURST: '8', MEMBER_COMMAND_EVERY_MS: '3000' } });
  await h.fake.waitForReady();
});

afterAll(async () => {
  await h.stop();
  expect(h.fake.violations).toEqual([]);
});

describe('one member’s pace', () => {
  it('slows down one member who sends commands too fast, and pings a classmate once a minute at most', async () => {
    const userId = '500000000000000777';
    const classmate = '500000000000000778';
    const options = [{ name: 'question', type: 3, value: 'what is docker0' }, { name: 'mention', type: 6, value: classmate }];
    const records = Array.from({ length: 10 }, () => h.send(chatInput({ name: 'ask', options, locale: 'en-US', userId })));
    const texts = await Promise.all(records.map(async (r) => JSON.stringify((await r.waitForCallback()).data)));
    expect(texts.filter((t) => /faster than netlab answers/.test(t))).toHaveLength(2); // a burst of 8, then one every 3 s
    expect(texts.filter((t) => t.includes(`"users":["${classmate}"]`))).toHaveLength(1);
    // Another member is not slowed by the first one's pace.
    const other = h.send(chatInput({ name: 'ask', options: { question: 'what is docker0' }, locale: 'en-US', userId: '500000000000000779' }));
    expect(JSON.stringify((await other.waitForCallback()).data)).not.toMatch(/faster than netlab/);
  });
});
