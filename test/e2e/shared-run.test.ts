// A class presses /demo bridge at once: the real discord.js client, the fake Discord and the real
// Docker Engine. The members share one real run: each gets its output, labelled with the run id
// and the number of classmates, in their own language; the engine starts one demo container.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from './interactions.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import { LABEL_OWNER, MANAGED_FILTER } from '../../src/docker/labels.ts';
import { requireEngine } from '../integration/engine.ts';

let h: BotHarness;
let engine: Awaited<ReturnType<typeof requireEngine>>;

beforeAll(async () => {
  engine = await requireEngine();
  h = await startBotHarness({ env: { SANDBOX_SHARE_WINDOW_MS: '1500' } });
  await h.sandbox.start();
});

afterAll(async () => {
  const owner = h.sandbox.engines[0]!.ownerId;
  await h?.stop();
  expect(h.fake.violations).toEqual([]);
  // Only this bot's own: other processes may share the engine.
  const mine = { ...MANAGED_FILTER, [LABEL_OWNER]: owner };
  expect([...(await engine.listContainers({ labels: mine })), ...(await engine.listNetworks({ labels: mine }))]).toEqual([]);
});

describe('/demo pressed by a whole class at once', () => {
  it('gives every member the output of one shared live run, labelled in their language', async () => {
    const members = Array.from({ length: 6 }, (_, i) => ({ userId: `61000000000000000${i}`, locale: i % 2 === 0 ? ('en-US' as const) : ('zh-CN' as const) }));
    const records = members.map(({ userId, locale }) => h.send(chatInput({ name: 'demo', options: { scenario: 'bridge' }, locale, userId })));
    const texts = (await Promise.all(records.map((r) => finalAnswer(r, 30_000)))).map(embedText);
    for (const text of texts) expect(text).toMatch(/inet 172\.\d+\.\d+\.\d+\//);
    const runIds = texts.map((t) => /run ([0-9a-f]{10})/.exec(t)?.[1]);
    expect(new Set(runIds).size).toBe(1);
    const runId = runIds[0]!;
    texts.forEach((text, i) =>
      expect(text).toContain(i % 2 === 0 ? `Shared live run with 5 classmates (run ${runId})` : `与 5 位同学共享的一次实时运行（run ${runId}）`),
    );
  });

  it('gives a member who asks after that run’s output a fresh run of their own', async () => {
    const record = h.send(chatInput({ name: 'demo', options: { scenario: 'bridge' }, locale: 'en-US', userId: '610000000000000099' }));
    const text = embedText(await finalAnswer(record, 30_000));
    expect(text).toMatch(/inet 172\.\d+\.\d+\.\d+\//);
    expect(text).not.toContain('Shared live run');
  });
});
