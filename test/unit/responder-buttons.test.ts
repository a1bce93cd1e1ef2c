// The responder for the study companion: a button's update replaces the message it sits on (and
// falls back to a reply elsewhere), a private answer goes to the member only, and action buttons
// render as `<command>:<argument>` within Discord's limits.
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { renderForDiscord, type MessagePayload } from '../../src/discord/reply.ts';
import { Responder, type ReplyTarget } from '../../src/discord/responder.ts';
import { DISCORD } from '../../src/limits.ts';

class Target implements ReplyTarget {
  deferred = false;
  replied = false;
  readonly calls: { kind: string; payload?: Partial<MessagePayload> }[] = [];
  async deferReply() {
    this.deferred = true;
    this.calls.push({ kind: 'defer' });
  }
  async reply(payload: MessagePayload) {
    this.replied = true;
    this.calls.push({ kind: 'reply', payload });
  }
  async editReply(payload: Omit<MessagePayload, 'flags'>) {
    this.calls.push({ kind: 'edit', payload });
  }
  async followUp(payload: MessagePayload) {
    this.calls.push({ kind: 'followUp', payload });
  }
  async deleteReply() {
    this.calls.push({ kind: 'delete' });
  }
}

class ButtonTarget extends Target {
  async update(payload: Omit<MessagePayload, 'flags'>) {
    this.replied = true;
    this.calls.push({ kind: 'update', payload });
  }
}

const result: Answer = { title: 'Right', body: 'why', buttons: [{ label: 'Next question', command: 'quiz', argument: 'next' }], links: [{ label: 'Read', topicId: 'mode-none' }] };
const responders: Responder[] = [];
const responder = (target: ReplyTarget, hide: boolean) => {
  const r = new Responder(target, { hide });
  responders.push(r);
  return r;
};
afterEach(() => {
  for (const r of responders.splice(0)) r.dispose();
});

describe('update', () => {
  it('replaces the message a button sits on, publicly, even from an ephemeral-by-default button responder', async () => {
    const target = new ButtonTarget();
    await responder(target, true).update(result);
    expect(target.calls.map((c) => c.kind)).toEqual(['update']);
    expect(target.calls[0]!.payload).not.toHaveProperty('flags');
  });

  it('replies where there is no message to update (a slash command, the console)', async () => {
    const target = new Target();
    await responder(target, false).update(result);
    expect(target.calls.map((c) => c.kind)).toEqual(['reply']);
  });
});

describe('a private answer', () => {
  it('goes to the member only, even when the command’s answers are public', async () => {
    const target = new Target();
    await responder(target, false).reply({ body: 'you are off the leaderboard', private: true });
    expect(target.calls[0]!.payload!.flags).toBe(64);
  });
});

describe('action buttons', () => {
  it('render as <command>:<argument> before the topic links, in their own row', () => {
    const [payload] = renderForDiscord(result, { hide: false });
    expect(payload!.components.map((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : '')))).toEqual([['quiz:next'], ['learn:mode-none']]);
  });

  it('never exceed Discord’s rows and buttons per row', () => {
    const many: Answer = { body: 'x', buttons: Array.from({ length: 12 }, (_, i) => ({ label: `${i}`, command: 'quiz', argument: `${i}` })), links: Array.from({ length: 20 }, (_, i) => ({ label: `t${i}`, topicId: `t${i}` })) };
    const [payload] = renderForDiscord(many, { hide: false });
    expect(payload!.components.length).toBeLessThanOrEqual(DISCORD.actionRowsMax);
    for (const row of payload!.components) expect(row.components.length).toBeLessThanOrEqual(DISCORD.buttonsPerRow);
  });
});
