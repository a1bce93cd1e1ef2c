// Tests of the fake Discord itself, driven by a bare discord.js client (not netlab's bot), so
// the bot's e2e tests can trust what the fake records.
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type Interaction,
} from 'discord.js';
import { FAKE_TOKEN, FakeDiscord } from './fake-discord.ts';
import { autocomplete, button, chatInput, selectMenu } from './interactions.ts';

let fake: FakeDiscord;
let client: Client;

async function connect(): Promise<Client> {
  const c = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiBase },
    allowedMentions: { parse: [] },
  });
  const ready = once(c, Events.ClientReady);
  await c.login(FAKE_TOKEN);
  await ready;
  return c;
}

function nextInteraction(): Promise<Interaction> {
  return once(client, Events.InteractionCreate).then(([interaction]) => interaction as Interaction);
}

beforeEach(async () => {
  // A short heartbeat interval so every test also exercises HEARTBEAT / HEARTBEAT_ACK.
  fake = new FakeDiscord({ token: FAKE_TOKEN, heartbeatIntervalMs: 250 });
  await fake.start();
  client = await connect();
});

afterEach(async () => {
  await client.destroy();
  await fake.stop();
  expect(fake.errors).toEqual([]);
});

describe('fake Discord harness', () => {
  it('completes the gateway handshake with the real client', async () => {
    const identify = await fake.waitForReady();
    expect(identify.token).toBe(FAKE_TOKEN);
    expect(identify.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.gatewayQueries[0]).toContain('v=10');
    expect(fake.restTokens.has(FAKE_TOKEN)).toBe(true);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(fake.unknownRoutes).toEqual([]);
    await fake.waitUntil(() => (fake.heartbeats > 0 ? true : undefined), 2000, 'no HEARTBEAT');
    await expect.poll(() => client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('delivers a zh-CN slash command and records reply() as callback type 4 within 3 s', async () => {
    const received = nextInteraction();
    const record = fake.sendInteraction(chatInput({ name: 'ask', options: { query: '为什么 none 模式只有 lo' }, locale: 'zh-CN' }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    expect(interaction.locale).toBe('zh-CN');
    expect(interaction.commandName).toBe('ask');
    expect(interaction.options.getString('query', true)).toBe('为什么 none 模式只有 lo');
    await interaction.reply({ content: 'none 模式只有回环接口 lo。' });

    const callback = await record.waitForCallback(3000);
    expect(callback.type).toBe(4);
    expect(callback.data?.['content']).toBe('none 模式只有回环接口 lo。');
    expect(record.ackLatencyMs).toBeLessThan(3000);
    expect(record.original?.content).toBe('none 模式只有回环接口 lo。');
    expect(fake.violations).toEqual([]);
  });

  it('records deferReply, an embed editReply, a file attachment and a followUp', async () => {
    const received = nextInteraction();
    const record = fake.sendInteraction(chatInput({ name: 'demo', options: { scenario: 'none' } }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply({ embeds: [new EmbedBuilder().setTitle('none').setDescription('1: lo')] });
    await interaction.editReply({ files: [{ attachment: Buffer.from('1: lo: <LOOPBACK>'), name: 'ip-addr.txt' }] });
    const followUp = await interaction.followUp({ content: 'done' });
    expect((await interaction.fetchReply()).attachments.first()?.name).toBe('ip-addr.txt');

    expect(record.callbacks.map((c) => c.type)).toEqual([5]);
    const embedEdit = await record.waitForEdit((e) => Array.isArray(e.body['embeds']), 1000);
    expect(embedEdit.messageId).toBe('@original');
    expect(embedEdit.message?.embeds[0]?.title).toBe('none');
    const fileEdit = await record.waitForEdit((e) => e.files.length > 0, 1000);
    expect(fileEdit.files[0]?.name).toBe('ip-addr.txt');
    expect(fileEdit.files[0]?.data.toString()).toBe('1: lo: <LOOPBACK>');
    expect(record.original?.attachments.map((a) => a.filename)).toEqual(['ip-addr.txt']);
    expect(record.original?.flags).toBe(MessageFlags.Ephemeral);
    expect(record.followUps).toHaveLength(1);
    expect(followUp.content).toBe('done');
    expect(record.visibleMessages.map((m) => m.content)).toEqual(['', 'done']);
    await interaction.deleteReply();
    expect(record.deletes.map((d) => d.messageId)).toEqual(['@original']);
    expect(record.visibleMessages.map((m) => m.content)).toEqual(['done']);
    expect(fake.violations).toEqual([]);
  });

  it('records autocomplete respond() as callback type 8 with choices', async () => {
    const received = nextInteraction();
    const record = fake.sendInteraction(autocomplete({ name: 'learn', options: { topic: 'bri' }, focused: 'topic' }));
    const interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused()).toBe('bri');
    await interaction.respond([{ name: 'bridge (default)', value: 'mode-bridge-default' }]);

    const callback = await record.waitForCallback();
    expect(callback.type).toBe(8);
    expect(record.choices).toEqual([{ name: 'bridge (default)', value: 'mode-bridge-default' }]);
    expect(fake.violations).toEqual([]);
  });

  it('handles a button update() and a select-menu reply()', async () => {
    let received = nextInteraction();
    const press = fake.sendInteraction(button({ customId: 'demo:rerun:none', locale: 'zh-CN' }));
    const pressed = await received;
    if (!pressed.isButton()) throw new Error('expected a button');
    expect(pressed.customId).toBe('demo:rerun:none');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('demo:rerun:none').setLabel('再来一次').setStyle(ButtonStyle.Primary),
    );
    await pressed.update({ content: '重新运行中…', components: [row] });
    expect((await press.waitForCallback()).type).toBe(7);
    expect(press.original?.content).toBe('重新运行中…');

    received = nextInteraction();
    const pick = fake.sendInteraction(selectMenu({ customId: 'learn:pick', values: ['mode-host'] }));
    const picked = await received;
    if (!picked.isStringSelectMenu()) throw new Error('expected a select menu');
    expect(picked.values).toEqual(['mode-host']);
    const response = await picked.reply({ content: 'host', flags: MessageFlags.Ephemeral, withResponse: true });
    expect(response.resource?.message?.content).toBe('host');
    expect(response.interaction.responseMessageEphemeral).toBe(true);
    expect((await pick.waitForCallback()).type).toBe(4);
    expect(fake.violations).toEqual([]);
  });

  it('catches a 2,001-character reply as a content-limit violation, answering 400 like Discord', async () => {
    const received = nextInteraction();
    const record = fake.sendInteraction(chatInput({ name: 'ask', options: { query: 'long' } }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    const error = await interaction.reply({ content: 'x'.repeat(2001) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    const limits = fake.violations.filter((v) => !v.detail.startsWith('OpenAPI: '));
    expect(limits.map((v) => v.detail)).toEqual(['data.content: 2001 characters, limit 2000']);
    expect(limits[0]?.route).toBe('POST /interactions/:id/:token/callback');
    // Discord's own API description says the same.
    expect(fake.violations.map((v) => v.detail)).toContain('OpenAPI: POST /interactions/{interaction_id}/{interaction_token}/callback: /data/content must NOT have more than 2000 characters');
    expect(record.acknowledged).toBe(false);
  });

  it('answers a second callback with 40060 and records it', async () => {
    const received = nextInteraction();
    const record = fake.sendInteraction(chatInput({ name: 'ask', options: { query: 'x' } }));
    const interaction = await received;
    await client.rest.post(Routes.interactionCallback(interaction.id, record.token), {
      body: { type: 5 }, auth: false,
    });
    const error = await client.rest
      .post(Routes.interactionCallback(interaction.id, record.token), {
        body: { type: 4, data: { content: 'again', allowed_mentions: { parse: [] } } }, auth: false,
      })
      .catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(40060);
    expect(record.violations.map((v) => v.detail)).toEqual([
      'second callback (type 4) for an interaction already acknowledged',
    ]);
  });

  it('flags a message without allowed_mentions but lets Discord-valid payloads through', async () => {
    const received = nextInteraction();
    const record = fake.sendInteraction(chatInput({ name: 'ask', options: { query: 'x' } }));
    const interaction = await received;
    await client.rest.post(Routes.interactionCallback(interaction.id, record.token), {
      body: { type: 4, data: { content: 'hi @everyone' } }, auth: false,
    });
    expect(record.acknowledged).toBe(true);
    expect(fake.violations.map((v) => v.detail)).toEqual([
      'data.allowed_mentions: missing on a message with content or embeds',
    ]);
  });

  it('records an interaction never acknowledged within 3 s', async () => {
    const record = fake.sendInteraction(chatInput({ name: 'ask', options: { query: 'ignored' } }));
    const violation = await fake.waitUntil(() => record.violations[0], 4000);
    expect(violation.detail).toBe('interaction not acknowledged within 3000 ms');
    expect(record.elapsedMs()).toBeGreaterThanOrEqual(3000);
  });

  it('records bulk command registration, global and per guild, and returns ids', async () => {
    const body = [
      { name: 'ask', description: 'Ask a Docker networking question', options: [
        { name: 'query', description: 'Your question', type: 3, required: true, autocomplete: true },
      ] },
      { name: 'learn', description: 'Read a topic', description_localizations: { 'zh-CN': '阅读一个主题' } },
    ];
    const created = (await client.rest.put(Routes.applicationCommands(fake.applicationId), { body })) as { id: string }[];
    await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, '1300000000000000100'), { body: [] });

    expect(created.map((c) => typeof c.id)).toEqual(['string', 'string']);
    expect(fake.commandRegistrations.map((r) => [r.scope, r.status])).toEqual([['global', 200], ['guild', 200]]);
    expect(fake.commandRegistrations[0]?.body).toEqual(body);
    expect(fake.commandRegistrations[1]?.guildId).toBe('1300000000000000100');
    expect(fake.violations).toEqual([]);
  });

  it('stops cleanly even when the client is still connected', async () => {
    const disconnected = once(client, Events.ShardDisconnect);
    await fake.stop();
    await disconnected; // discord.js gives up instead of reconnecting forever
  });

  it('resumes after a RECONNECT and still delivers interactions', async () => {
    fake.requestReconnect();
    await fake.waitUntil(() => fake.resumes[0], 5000, 'no RESUME');
    expect(fake.resumes[0]?.accepted).toBe(true);
    const received = nextInteraction();
    fake.sendInteraction(chatInput({ name: 'learn', options: { topic: 'mode-none' } }));
    const interaction = await received;
    expect(interaction.isChatInputCommand() && interaction.options.getString('topic')).toBe('mode-none');
  });
});
