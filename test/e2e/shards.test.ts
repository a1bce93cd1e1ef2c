// DISCORD_SHARDS: discord.js's own sharding inside the one netlab process. Against the fake
// Discord, two shards identify as [0, 2] and [1, 2], the bot counts as connected only once both
// are ready, and interactions on either are answered by the one dispatcher and sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness } from './bot-harness.ts';
import { chatInput } from './interactions.ts';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({ env: { DISCORD_SHARDS: '2' } });
});

afterAll(async () => {
  await h?.stop();
});

describe('a sharded gateway', () => {
  it('identifies every shard, reports connected once all are ready, and answers', async () => {
    expect(h.fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.bot.gateway()).toMatchObject({ connected: true, shards: [{ id: 0, status: 'Ready' }, { id: 1, status: 'Ready' }] });
    const record = h.send(chatInput({ name: 'modes', locale: 'en-US' }));
    expect((await record.waitForCallback()).status).toBeLessThan(300);
  });
});
