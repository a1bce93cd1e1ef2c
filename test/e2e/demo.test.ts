// /demo and /networks end to end: the real discord.js client, the fake Discord, and demo
// containers on the real Docker Engine. The bot defers at once, then edits in the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD } from '../../src/limits.ts';
import { chatInput } from './interactions.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import { managedResources, requireEngine } from '../integration/engine.ts';

let h: BotHarness;

let engine: Awaited<ReturnType<typeof requireEngine>>;

beforeAll(async () => {
  engine = await requireEngine();
  // Separate runs for every member (no shared runs): the busy answer below needs them.
  h = await startBotHarness({ env: { SANDBOX_MAX_CONCURRENT: '1', SANDBOX_QUEUE_SIZE: '1', SANDBOX_SHARE_WINDOW_MS: '0' } });
  await h.sandbox.start();
});

afterAll(async () => {
  await h?.stop();
  expect(h.fake.violations).toEqual([]);
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
});

describe('/demo', () => {
  it('defers within the deadline, then shows none mode’s only interface, in Chinese', async () => {
    const record = h.send(chatInput({ name: 'demo', options: { scenario: 'none' }, locale: 'zh-CN' }));
    const callback = await record.waitForCallback();
    expect(callback.type).toBe(5);
    expect(record.ackLatencyMs).toBeLessThan(DISCORD.ackDeadlineMs); // what a member would notice: Discord's own limit
    const text = embedText(await finalAnswer(record, 20_000));
    expect(text).toContain('1: lo:');
    expect(text).not.toMatch(/eth0/);
    expect(text).toMatch(/回环|lo/);
  });

  it('shows the default bridge’s eth0 in English, with the run’s picture attached as a PNG', async () => {
    const record = h.send(chatInput({ name: 'demo', options: { scenario: 'bridge' }, locale: 'en-US' }));
    const message = await finalAnswer(record, 20_000);
    const text = embedText(message);
    expect(text).toMatch(/eth0@if\d+/);
    expect(text).toMatch(/inet 172\.\d+\.\d+\.\d+\//);
    expect(text).toMatch(/🖼️ The picture: .*`\d+: eth0@if\d+` ↔ `\d+: veth[0-9a-f]+@if\d+`/);
    expect(message.attachments.map((a) => [a.filename, a.content_type])).toContainEqual(['topology-bridge.png', 'image/png']);
    const uploaded = record.edits.flatMap((e) => e.files).find((f) => f.name === 'topology-bridge.png')!;
    expect(uploaded.data.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(uploaded.data.readUInt32BE(16)).toBeLessThanOrEqual(1200); // IHDR width
  });

  it('attaches one picture per mode to /modes, with the caption in Chinese', async () => {
    const record = h.send(chatInput({ name: 'modes', locale: 'zh-CN' }));
    const message = await finalAnswer(record, 10_000);
    expect(message.attachments.map((a) => a.filename)).toEqual(
      ['mode-bridge-default', 'mode-bridge-user-defined', 'mode-host', 'mode-none', 'mode-container', 'driver-overlay', 'driver-macvlan', 'driver-ipvlan'].map((k) => `${k}.png`),
    );
    expect(embedText(message)).toContain('每种模式一张图');
  });

  it('answers honestly when the sandbox is full instead of queueing without bound', async () => {
    const members = ['400000000000000001', '400000000000000002', '400000000000000003'];
    const records = members.map((userId) => h.send(chatInput({ name: 'demo', options: { scenario: 'none' }, locale: 'en-US', userId })));
    const texts = await Promise.all(
      records.map(async (r) => {
        await r.waitForFinal((x) => (x.original?.embeds?.length ?? 0) > 0 && !/Waiting in line/.test(x.original!.embeds[0]?.title ?? '') || x.followUps.length > 0, 30_000);
        return JSON.stringify([r.original, r.followUps.map((f) => f.body)]);
      }),
    );
    const busy = texts.filter((t) => /busy right now/.test(t));
    const done = texts.filter((t) => t.includes('1: lo:'));
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(done.length + busy.length).toBe(3);
    expect(busy[0]).toMatch(/try again in about \d+ s/);
    // (When a queue position shows, and how often, is the responder's rule: test/unit/responder.test.ts.)
  });
});

describe('/networks', () => {
  it.each(['en-US', 'zh-CN'] as const)('lists bridge, host and none with their drivers (%s)', async (locale) => {
    const record = h.send(chatInput({ name: 'networks', locale }));
    const text = embedText(await finalAnswer(record, 10_000));
    expect(text).toMatch(/bridge\s+bridge/);
    expect(text).toMatch(/host\s+host/);
    expect(text).toMatch(/none\s+null/);
    expect(/[\u4e00-\u9fff]/.test(text)).toBe(locale === 'zh-CN');
  });
});
