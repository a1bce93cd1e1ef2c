// The responder's timing rules, on fake timers: an automatic defer before Discord's 3 s, queue
// positions no sooner than a second after arrival and at most one a second (the newest only),
// and nothing ever overwrites the answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { AUTO_DEFER_MS, PROGRESS_EVERY_MS, Responder, type ReplyTarget } from '../../src/discord/responder.ts';
import { DISCORD } from '../../src/limits.ts';

/** An interaction that records what the responder sent, and when (fake time). */
class FakeTarget implements ReplyTarget {
  deferred = false;
  replied = false;
  readonly sent: { kind: string; at: number; text: string }[] = [];
  private record(kind: string, payload?: { embeds?: { title?: string; description?: string }[] }) {
    this.sent.push({ kind, at: Date.now(), text: payload?.embeds?.map((e) => `${e.title ?? ''} ${e.description ?? ''}`).join(' ') ?? '' });
  }
  async deferReply() {
    this.deferred = true;
    this.record('defer');
  }
  async reply(payload: Parameters<ReplyTarget['reply']>[0]) {
    this.replied = true;
    this.record('reply', payload);
  }
  async editReply(payload: Parameters<ReplyTarget['editReply']>[0]) {
    this.replied = true;
    this.record('edit', payload);
  }
  async followUp(payload: Parameters<ReplyTarget['followUp']>[0]) {
    this.record('followUp', payload);
  }
  async deleteReply() {
    this.record('delete');
  }
}

const position = (n: number): Answer => ({ title: 'Waiting in line…', body: `${n} ahead`, tone: 'info' });
const answer: Answer = { title: 'Result', body: 'ip addr', tone: 'ok' };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the responder', () => {
  it('defers by itself before Discord’s deadline when a handler is slow', async () => {
    const target = new FakeTarget();
    const responder = new Responder(target, { hide: false });
    await vi.advanceTimersByTimeAsync(AUTO_DEFER_MS - 1);
    expect(target.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(target.sent.map((s) => [s.kind, s.at])).toEqual([['defer', AUTO_DEFER_MS]]);
    expect(AUTO_DEFER_MS).toBeLessThan(DISCORD.ackDeadlineMs);
    responder.dispose();
  });

  it('shows no queue position for a wait under a second: only the answer', async () => {
    const target = new FakeTarget();
    const responder = new Responder(target, { hide: false });
    await responder.defer();
    void responder.progress(position(1));
    await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS - 10);
    await responder.reply(answer);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(target.sent.map((s) => s.kind)).toEqual(['defer', 'edit']);
    expect(target.sent[1]!.text).toContain('Result');
  });

  it('sends positions a second after arrival, then at most one a second, the newest only, and never after the answer', async () => {
    const target = new FakeTarget();
    const responder = new Responder(target, { hide: false });
    await responder.defer();
    for (const [at, n] of [[0, 7], [300, 6], [700, 5], [1_100, 4], [1_400, 3], [1_500, 2], [2_600, 1]] as const) {
      await vi.advanceTimersByTimeAsync(at - Date.now());
      void responder.progress(position(n));
    }
    await vi.advanceTimersByTimeAsync(2_900 - Date.now());
    await responder.reply(answer);
    await vi.advanceTimersByTimeAsync(5_000);
    const edits = target.sent.filter((s) => s.kind === 'edit');
    expect(edits.map((e) => [e.at, e.text.match(/\d+ ahead|Result/)?.[0]])).toEqual([
      [1_000, '5 ahead'], // the newest state when the first second was up
      [2_000, '2 ahead'], // 4 and 3 were superseded
      [2_900, 'Result'], // 1 was still waiting for its slot (at 3,000) when the answer came: dropped
    ]);
  });

  it('turns a refusal after a public defer into an ephemeral follow-up', async () => {
    const target = new FakeTarget();
    const responder = new Responder(target, { hide: false });
    await responder.defer();
    await responder.fail({ body: 'busy', tone: 'warn' });
    expect(target.sent.map((s) => s.kind)).toEqual(['defer', 'delete', 'followUp']);
  });
});
