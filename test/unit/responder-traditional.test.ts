// A zh-TW answer is converted to Traditional characters before it goes out; a conversion that
// takes long (the converter is built in a worker on first use) must not hold back the automatic
// defer, or Discord's 3-second window closes with nothing sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { AUTO_DEFER_MS, Responder, type ReplyTarget } from '../../src/discord/responder.ts';
import { DISCORD } from '../../src/limits.ts';

const CONVERSION_MS = 2_500;

vi.mock('../../src/text/traditional.ts', () => ({
  traditionalAnswer: (answer: Answer) => new Promise<Answer>((resolve) => setTimeout(() => resolve({ ...answer, body: `${answer.body}（繁）` }), CONVERSION_MS)),
}));

class FakeTarget implements ReplyTarget {
  deferred = false;
  replied = false;
  readonly sent: [string, number][] = [];
  async deferReply() {
    this.deferred = true;
    this.sent.push(['defer', Date.now()]);
  }
  async reply() {
    this.replied = true;
    this.sent.push(['reply', Date.now()]);
  }
  async editReply() {
    this.replied = true;
    this.sent.push(['edit', Date.now()]);
  }
  async followUp() {
    this.sent.push(['followUp', Date.now()]);
  }
  async deleteReply() {
    this.sent.push(['delete', Date.now()]);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a slow Traditional-Chinese conversion', () => {
  // A refusal after a public defer replaces it with a note for the member alone.
  it.each([
    ['reply', [['defer', AUTO_DEFER_MS], ['edit', CONVERSION_MS]]],
    ['fail', [['defer', AUTO_DEFER_MS], ['delete', CONVERSION_MS], ['followUp', CONVERSION_MS]]],
  ] as const)('does not hold back the automatic defer (%s)', async (method, expected) => {
    const target = new FakeTarget();
    const responder = new Responder(target, { hide: false, traditional: true });
    const sent = responder[method]({ body: '网络', tone: method === 'fail' ? 'warn' : 'ok' });
    await vi.advanceTimersByTimeAsync(CONVERSION_MS);
    await sent;
    expect(target.sent).toEqual(expected);
    expect(AUTO_DEFER_MS).toBeLessThan(DISCORD.ackDeadlineMs);
    responder.dispose();
  });
});
