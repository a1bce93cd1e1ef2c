// /forget-me: a private confirmation naming what will go; the confirm button, for the member who
// asked and for a few minutes only, deletes every record of theirs in every server at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetMe } from '../../src/commands/forget-me.ts';
import { leaderboard } from '../../src/commands/leaderboard.ts';
import { learn } from '../../src/commands/learn.ts';
import { quiz } from '../../src/commands/quiz.ts';
import { settings } from '../../src/commands/settings.ts';
import type { MemberRecords } from '../../src/store/privacy.ts';
import { Store } from '../../src/store/store.ts';
import { ALICE, BOB, CommandHarness, GUILD } from './fakes/command-context.ts';

const OTHER_GUILD = '1300000000000000199';

describe('/forget-me', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    h = new CommandHarness(Store.memory());
    for (const guildId of [GUILD, OTHER_GUILD]) {
      await h.run(learn, { topic: 'mode-none' }, { guildId });
      const q = ((await h.run(quiz, {}, { guildId })).data as { quiz: { id: string } }).quiz;
      await h.press(quiz, `${q.id}.1`, { guildId });
    }
    await h.run(leaderboard, { show_me: false });
    await h.run(settings, { quiz: true }, { canManageServer: true });
    await h.run(learn, { topic: 'mode-host' }, { userId: BOB });
  });
  afterEach(() => vi.useRealTimers());

  const records = () => h.store.privacy.records(ALICE);

  it('asks first, privately, naming what it will delete in every server', async () => {
    const answer = await h.run(forgetMe);
    expect(forgetMe.private).toBe(true);
    expect((answer.data as { records: MemberRecords }).records).toEqual({ answers: 2, reads: 2, demos: 0, boxes: 2, scopes: 2 });
    expect(answer.body).toMatch(/2 quiz answers.*2 topics read.*in 2 places/);
    expect(answer.buttons?.map((b) => b.argument)).toEqual([expect.stringMatching(new RegExp(`^confirm\\.${ALICE}\\.\\d+$`)), 'cancel']);
    expect(records().answers).toBe(2);
  });

  it('deletes everything of the member on confirm, and nothing of anyone else', async () => {
    const confirm = (await h.run(forgetMe)).buttons![0]!;
    const sent = await h.press(forgetMe, confirm.argument);
    expect(sent.how).toBe('update');
    expect(sent.answer.data).toEqual({ deleted: 8 });
    expect(records()).toEqual({ answers: 0, reads: 0, demos: 0, boxes: 0, scopes: 0 });
    expect(h.store.leaderboard.optedOut({ scope: GUILD, userId: ALICE })).toBe(false);
    expect(h.store.settings.for(GUILD)).toMatchObject({ quiz: true, updatedBy: 'forgotten' });
    expect(h.store.privacy.records(BOB).reads).toBe(1);
    expect((await h.run(settings)).fields?.at(-1)?.value).not.toContain('forgotten');
  });

  it('deletes nothing on cancel, for someone else’s button, or once the confirmation is stale', async () => {
    const confirm = (await h.run(forgetMe)).buttons![0]!;
    expect((await h.press(forgetMe, 'cancel')).answer.data).toEqual({ deleted: 0 });
    await expect(h.press(forgetMe, confirm.argument, { userId: BOB })).rejects.toMatchObject({ id: 'forget-me-stale' });
    await expect(h.press(forgetMe, `confirm.${ALICE}.x`)).rejects.toMatchObject({ id: 'forget-me-stale' });
    vi.advanceTimersByTime(5 * 60_000 + 1);
    await expect(h.press(forgetMe, confirm.argument)).rejects.toMatchObject({ id: 'forget-me-stale' });
    expect(records().answers).toBe(2);
    expect(h.store.privacy.records(BOB).reads).toBe(1);
  });

  it('says so when there is nothing to delete, in Chinese too', async () => {
    const answer = await h.run(forgetMe, {}, { userId: '1300000000000000399', lang: 'zh' });
    expect(answer.buttons).toBeUndefined();
    expect(answer.body).toMatch(/没有保存任何关于你的记录/);
  });
});
