// netlab's bot end to end: the real discord.js client against the local fake Discord, every
// command in both locales, forged interactions, and Discord's limits and 3-second deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, button, chatInput, inDirectMessage } from './interactions.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';

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

describe('/ask', () => {
  it('answers a Chinese question in Chinese, from mode-none, within the deadline', async () => {
    const record = h.send(chatInput({ name: 'ask', options: { question: '为什么 none 模式只有 lo' }, locale: 'zh-CN' }));
    const message = await finalAnswer(record);
    expect(record.ackLatencyMs).toBeLessThan(3_000);
    expect(message.embeds[0]!.footer?.text).toContain('mode-none');
    expect(embedText(message)).toMatch(/[\u4e00-\u9fff]/);
    expect(message.components?.length).toBeGreaterThan(0);
    expect(record.violations).toEqual([]);
  });

  it('answers an English question in English and offers related topics as buttons', async () => {
    const record = h.send(chatInput({ name: 'ask', options: { question: 'containers cant ping each other by name' }, locale: 'en-US' }));
    const message = await finalAnswer(record);
    expect(embedText(message)).not.toMatch(/[\u4e00-\u9fff]{4}/);
    const ids = JSON.stringify(message.components).match(/"custom_id":"[^"]+"/g)!.map((m) => m.slice(13, -1));
    expect(ids.every((id) => id.startsWith('learn:'))).toBe(true);
    expect(ids.some((id) => /dns-resolution|mode-bridge/.test(id))).toBe(true);
  });

  it('answers in the question’s language when it is clearly Chinese or English, whatever the locale', async () => {
    const chinese = h.send(chatInput({ name: 'ask', options: { question: '为什么 none 模式只有 lo' }, locale: 'en-US' }));
    const zhMessage = await finalAnswer(chinese);
    expect(embedText(zhMessage)).toMatch(/只有/);
    expect(JSON.stringify(zhMessage.components)).toContain('阅读完整主题');
    const english = h.send(chatInput({ name: 'ask', options: { question: 'why does none mode only have lo' }, locale: 'zh-CN' }));
    expect(embedText(await finalAnswer(english))).not.toMatch(/[\u4e00-\u9fff]{4}/);
    const bare = h.send(chatInput({ name: 'ask', options: { question: 'docker0' }, locale: 'zh-CN' }));
    expect(embedText(await finalAnswer(bare))).toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('answers a zh-TW member in Traditional Chinese: the answer, its buttons and autocomplete', async () => {
    const record = h.send(chatInput({ name: 'ask', options: { question: '为什么 none 模式只有 lo' }, locale: 'zh-TW' }));
    const message = await finalAnswer(record);
    expect(embedText(message)).toMatch(/為/);
    expect(embedText(message)).not.toMatch(/为什么|网络/);
    expect(JSON.stringify(message.components)).toContain('閱讀完整主題');
    const typed = h.send(autocomplete({ name: 'learn', options: { topic: '点到点' }, focused: 'topic', locale: 'zh-TW' }));
    await typed.waitForCallback();
    expect(typed.choices![0]).toMatchObject({ value: 'p2p-veth-recipe', name: expect.stringContaining('點') });
    expect(record.violations).toEqual([]);
  });

  it('says honestly when a question is not covered', async () => {
    const record = h.send(chatInput({ name: 'ask', options: { question: 'how do I write a Kubernetes NetworkPolicy' }, locale: 'en-US' }));
    expect(embedText(await finalAnswer(record))).toMatch(/Not covered/);
  });

  it('hides the answer when asked and points a classmate at it with a ping for them only', async () => {
    const hidden = h.send(chatInput({ name: 'ask', options: { question: 'what is bridge mode', hide: true }, locale: 'en-US' }));
    await finalAnswer(hidden);
    expect(hidden.callbacks[0]!.data!['flags']).toBe(64);
    const classmate = '223456789012345678';
    const mention = h.send(chatInput({ name: 'ask', options: [{ name: 'question', type: 3, value: 'what is host mode' }, { name: 'mention', type: 6, value: classmate }], locale: 'en-US' }));
    await finalAnswer(mention);
    const data = mention.callbacks[0]!.data!;
    expect(data['content']).toBe(`<@${classmate}>`);
    expect(data['allowed_mentions']).toMatchObject({ parse: [], users: [classmate] });
  });
});

describe('/learn', () => {
  it('shows a whole topic in the member’s language', async () => {
    const record = h.send(chatInput({ name: 'learn', options: { topic: 'p2p-veth-recipe' }, locale: 'zh-CN' }));
    const text = embedText(await finalAnswer(record));
    expect(text).toContain('veth');
    expect(text).toMatch(/点到点|点对点/);
  });

  it('shows a topic by alias in English', async () => {
    const record = h.send(chatInput({ name: 'learn', options: { topic: '--net=none' }, locale: 'en-US' }));
    const message = await finalAnswer(record);
    expect(message.embeds[0]!.title).toMatch(/none/i);
    expect(embedText(message)).toContain('Sources');
  });

  it('autocompletes: core modes for an empty query, exact alias first, within limits', async () => {
    const empty = h.send(autocomplete({ name: 'learn', options: { topic: '' }, focused: 'topic', locale: 'en-US' }));
    await empty.waitForCallback();
    expect(empty.choices!.map((c) => c['value'])).toContain('mode-none');
    const typed = h.send(autocomplete({ name: 'learn', options: { topic: '点到点' }, focused: 'topic', locale: 'zh-CN' }));
    await typed.waitForCallback();
    expect(typed.choices![0]!['value']).toBe('p2p-veth-recipe');
    expect(typed.callbacks[0]!.type).toBe(8);
  });

  it('opens a related topic from a button, for the clicker only', async () => {
    const record = h.send(button({ customId: 'learn:mode-container', locale: 'en-US' }));
    const message = await finalAnswer(record);
    expect(message.embeds[0]!.footer?.text).toContain('mode-container');
    expect(record.callbacks[0]!.data!['flags']).toBe(64);
  });
});

describe('/modes', () => {
  it('compares the modes on a phone-sized card each, in both locales', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const record = h.send(chatInput({ name: 'modes', locale }));
      const message = await finalAnswer(record);
      const names = message.embeds.flatMap((e) => e.fields ?? []).map((f) => f.name);
      expect(names).toEqual(expect.arrayContaining(['host', 'none', 'container:<name>', 'overlay', 'macvlan', 'ipvlan']));
      for (const field of message.embeds.flatMap((e) => e.fields ?? [])) expect(field.value.split('\n')).toHaveLength(5);
    }
  });
});

describe('forged and broken interactions', () => {
  it.each([
    ['an unknown command', chatInput({ name: 'rm-rf', locale: 'en-US' }), /do not know that command/],
    ['a scenario outside the choices', chatInput({ name: 'demo', options: { scenario: 'privileged; curl evil' }, locale: 'en-US' }), /not one of the choices/],
    ['a wrong option type', chatInput({ name: 'learn', options: { topic: 42 }, locale: 'en-US' }), /wrong type/],
    ['an oversized question', chatInput({ name: 'ask', options: { question: 'x'.repeat(6_000) }, locale: 'en-US' }), /at most 500/],
    ['an unknown topic', chatInput({ name: 'learn', options: { topic: 'teleportation' }, locale: 'en-US' }), /no topic called/],
    ['a forged button', button({ customId: 'learn:../../etc/passwd', locale: 'en-US' }), /no topic called/],
    ['a button of no command', button({ customId: 'shell:ls', locale: 'en-US' }), /do not know that command/],
    ['an empty question', chatInput({ name: 'ask', options: { question: '   ' }, locale: 'zh-CN' }), /请输入一个问题/],
  ])('answers %s with a clear ephemeral message', async (_label, payload, message) => {
    const record = h.send(payload);
    const callback = await record.waitForCallback();
    expect(callback.status).toBeLessThan(300);
    expect(callback.data!['flags']).toBe(64);
    expect(JSON.stringify(callback.data)).toMatch(message);
  });

  it.each(['demo', 'networks'])('refuses /%s in a direct message, where no server’s limits apply', async (name) => {
    const record = h.send(inDirectMessage(chatInput({ name, options: name === 'demo' ? { scenario: 'none' } : {}, locale: 'en-US' })));
    const callback = await record.waitForCallback();
    expect(callback.data!['flags']).toBe(64);
    expect(JSON.stringify(callback.data)).toMatch(/run in a server, not in direct messages/);
  });

  it('still answers /ask in a direct message', async () => {
    const record = h.send(inDirectMessage(chatInput({ name: 'ask', options: { question: 'what is docker0' }, locale: 'en-US' })));
    expect((await finalAnswer(record)).embeds[0]!.footer?.text).toContain('mode-bridge-default');
  });

  it('keeps serving after all of that', async () => {
    const record = h.send(chatInput({ name: 'ask', options: { question: 'what does --network host do' }, locale: 'en-US' }));
    expect((await finalAnswer(record)).embeds[0]!.footer?.text).toContain('mode-host');
  });
});
