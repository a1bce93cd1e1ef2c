// /settings end to end: an organiser with Manage Server changes how netlab behaves in the server,
// at once — /demo refused outside the listed channel (both languages), the host demo off, the
// default language for members whose locale is neither Chinese nor English, /quiz and
// /leaderboard off — and a member without the permission changes nothing.
import type { APIChatInputApplicationCommandGuildInteraction, Locale } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managedResources, requireEngine } from '../integration/engine.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import type { InteractionRecord } from './fake-discord.ts';
import { chatInput, FAKE_IDS, type ChatInputInput } from './interactions.ts';

const LAB = '1300000000000000250';
const ORGANISER = '1300000000000000310';
const MANAGE_GUILD = String(1 << 5);
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
  await h.fake.waitForReady();
});

afterAll(async () => {
  await h.stop();
  expect(h.fake.violations).toEqual([]);
  expect(h.fake.errors).toEqual([]);
});

/** A slash command from a member holding Manage Server. */
function asOrganiser(input: ChatInputInput): APIChatInputApplicationCommandGuildInteraction {
  const payload = chatInput({ userId: ORGANISER, ...input });
  return { ...payload, member: { ...payload.member, permissions: MANAGE_GUILD } };
}

async function ephemeralText(payload: APIChatInputApplicationCommandGuildInteraction): Promise<string> {
  const record = h.send(payload);
  // A deferred command's refusal replaces "thinking…" with an ephemeral follow-up; others reply ephemerally.
  const answered = (r: InteractionRecord) => r.followUps.some((f) => f.status < 300) || (r.original !== null && ((r.original.flags ?? 0) & 128) === 0 && r.original.embeds.length > 0);
  const done = await record.waitForFinal(answered, 10_000);
  const message = done.followUps.find((f) => f.status < 300)?.message ?? done.original!;
  expect((message.flags ?? 0) & 64).toBe(64);
  return embedText(message);
}

const option = (name: string, type: number, value: string | boolean) => ({ name, type, value }) as never;

describe('/settings through Discord', () => {
  it('changes nothing for a member without Manage Server', async () => {
    const text = await ephemeralText(chatInput({ name: 'settings', options: [option('quiz', 5, false)], locale: 'en-US' }));
    expect(text).toMatch(/Only members with the Manage Server permission/);
    expect(h.store.settings.for(FAKE_IDS.guildId).quiz).toBe(true);
  });

  it('keeps /demo to the listed channel, with a clear message in both languages, and runs it there', async () => {
    const engine = await requireEngine();
    const saved = await ephemeralText(asOrganiser({ name: 'settings', options: [option('allow_demos_in', 7, LAB)], locale: 'en-US' }));
    expect(saved).toMatch(/Saved/);
    expect(saved).toContain(`<#${LAB}>`);
    const en = await ephemeralText(chatInput({ name: 'demo', options: { scenario: 'networks' }, locale: 'en-US' }));
    expect(en).toMatch(new RegExp(`live demos run only in <#${LAB}>`));
    const zh = await ephemeralText(chatInput({ name: 'demo', options: { scenario: 'networks' }, locale: 'zh-CN' }));
    expect(zh).toMatch(new RegExp(`只允许在 <#${LAB}> 运行现场演示`));
    const there = await finalAnswer(h.send(chatInput({ name: 'demo', options: { scenario: 'networks' }, channelId: LAB, locale: 'en-US' })), 30_000);
    expect(embedText(there)).toMatch(/bridge/);
    expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
    await ephemeralText(asOrganiser({ name: 'settings', options: [option('demos_everywhere', 5, true)], locale: 'en-US' }));
    expect(h.store.settings.for(FAKE_IDS.guildId).demoChannels).toBeNull();
  });

  it('switches the host demo off for this server only', async () => {
    await ephemeralText(asOrganiser({ name: 'settings', options: [option('host_demo', 5, false)], locale: 'en-US' }));
    const text = await ephemeralText(chatInput({ name: 'demo', options: { scenario: 'host' }, locale: 'en-US' }));
    expect(text).toMatch(/switched off here.*server’s organisers/s);
  });

  it('answers members whose Discord language is neither Chinese nor English in the server’s default', async () => {
    const before = await finalAnswer(h.send(chatInput({ name: 'learn', options: { topic: 'mode-none' }, locale: 'fr' as `${Locale}` })));
    expect(embedText(before)).not.toMatch(/[\u4e00-\u9fff]{4}/);
    await ephemeralText(asOrganiser({ name: 'settings', options: [option('language', 3, 'zh')], locale: 'en-US' }));
    const after = await finalAnswer(h.send(chatInput({ name: 'learn', options: { topic: 'mode-none' }, locale: 'fr' as `${Locale}` })));
    expect(embedText(after)).toMatch(/[\u4e00-\u9fff]{4}/);
    const english = await finalAnswer(h.send(chatInput({ name: 'learn', options: { topic: 'mode-none' }, locale: 'en-GB' })));
    expect(embedText(english)).not.toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('turns /quiz and /leaderboard off, at once', async () => {
    await ephemeralText(asOrganiser({ name: 'settings', options: [option('quiz', 5, false), option('leaderboard', 5, false)], locale: 'en-US' }));
    expect(await ephemeralText(chatInput({ name: 'quiz', locale: 'en-US' }))).toMatch(/turned \/quiz off/);
    expect(await ephemeralText(chatInput({ name: 'leaderboard', locale: 'zh-CN' }))).toMatch(/关闭了排行榜/);
    await ephemeralText(asOrganiser({ name: 'settings', options: [option('reset', 5, true)], locale: 'en-US' }));
    expect(h.store.settings.for(FAKE_IDS.guildId)).toMatchObject({ quiz: true, leaderboard: true, hostScenario: true, defaultLang: 'en' });
  });
});
