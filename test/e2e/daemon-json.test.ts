// /daemon-json end to end, through the real discord.js client and the fake Discord: without a
// file it opens a form (a modal) and the filled-in form gets the verdict; an attached file is
// read from Discord's CDN (here the fake's) and gets the verdict; a file anywhere else is refused
// and never fetched; an oversize file is refused. The fake checks every payload against
// Discord's limits and its OpenAPI description.
import type { APIAttachment, APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAEMON_JSON_MAX_BYTES } from '../../src/commands/daemon-json.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import { chatInput, inDirectMessage, modalSubmit } from './interactions.ts';

const EPHEMERAL = 64;
const PARAGRAPH = 2;
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

interface TextInput {
  type: number;
  custom_id: string;
  label: string;
  style: number;
  required?: boolean;
  max_length?: number;
}

/** The text inputs of a modal callback, in order. */
function textInputs(data: Record<string, unknown> | undefined): TextInput[] {
  return ((data?.['components'] ?? []) as { components: TextInput[] }[]).flatMap((row) => row.components);
}

/** Sends /daemon-json with `file` attached and waits for what the member finally sees. */
async function withAttachment(file: APIAttachment, locale: 'en-US' | 'zh-CN' = 'en-US'): Promise<APIMessage> {
  const record = h.send(chatInput({ name: 'daemon-json', attachments: { file }, locale }));
  const answer = await finalAnswer(record, 10_000);
  expect(record.callbacks[0]).toMatchObject({ type: 5, status: 204 });
  expect((answer.flags ?? 0) & EPHEMERAL, 'only the member sees what their config says').toBe(EPHEMERAL);
  return answer;
}

describe('/daemon-json without a file', () => {
  it('opens a form with a paragraph input of up to 4,000 characters, in the member’s language', async () => {
    const record = h.send(chatInput({ name: 'daemon-json', locale: 'zh-CN' }));
    const callback = await record.waitForCallback();
    expect(callback, record.summary()).toMatchObject({ type: 9, status: 204 });
    expect(callback.data?.['custom_id']).toBe('daemon-json:check');
    expect(callback.data?.['title']).toBe('daemon.json 体检');
    const [content, lan, engine] = textInputs(callback.data);
    expect(content).toMatchObject({ type: 4, custom_id: 'content', style: PARAGRAPH, required: true, max_length: 4000, label: '粘贴 daemon.json 的内容' });
    expect(lan).toMatchObject({ custom_id: 'lan', required: false });
    expect(engine).toMatchObject({ custom_id: 'engine', required: false });
    expect(record.original, 'a form is not a message').toBeNull();
  });

  it('answers the filled-in form with the verdict, only for the member', async () => {
    const opened = await h.send(chatInput({ name: 'daemon-json', locale: 'en-US' })).waitForCallback();
    const customId = String(opened.data?.['custom_id']);
    const record = h.send(modalSubmit({ customId, fields: { content: '{\n  "bip": "172.17.0.1",\n  "registry-mirrors": ["https://mirror.example.com"]\n}', lan: '', engine: '' }, locale: 'en-US' }));
    const answer = await finalAnswer(record);
    expect(record.callbacks[0]).toMatchObject({ type: 4, status: 204 });
    expect((answer.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer.embeds[0]?.title).toBe('daemon.json: dockerd will not start');
    const text = embedText(answer);
    expect(text).toContain('`bip` (line 2)');
    expect(text).toContain('invalid CIDR address: 172.17.0.1');
    expect(text).toContain('`registry-mirrors`');
    expect(text).toMatch(/Verdict: dockerd will not start/);
  });

  it('checks the LAN ranges and the Engine typed into the form, and answers in Chinese', async () => {
    const record = h.send(modalSubmit({ customId: 'daemon-json:check', fields: { content: '{"bip": "192.168.50.1/24"}', lan: '192.168.50.0/24', engine: '20.10' }, locale: 'zh-CN' }));
    const answer = await finalAnswer(record);
    expect(answer.embeds[0]?.title).toBe('daemon.json：dockerd 能启动，但有警告');
    const text = embedText(answer);
    expect(text).toContain('192.168.50.0/24');
    expect(text).toContain('Engine 20.10');
    expect(text).toContain('结论：dockerd 能启动，但有警告。');
  });
});

describe('/daemon-json with an attached file', () => {
  it('reads the file from Discord’s CDN once and answers with the verdict', async () => {
    const file = h.fake.hostAttachment({ name: 'daemon.json', content: '{\n  "registry-mirrors": ["https://<your-id>.mirror.aliyuncs.com"]\n}\n' });
    const answer = await withAttachment(file, 'zh-CN');
    expect(h.fake.files.requestsFor(file.url)).toEqual([{ method: 'GET', path: expect.stringContaining('/daemon.json'), status: 200 }]);
    expect(answer.embeds[0]?.title).toBe('daemon.json：dockerd 能启动，但有警告');
    expect(embedText(answer)).toContain('`registry-mirrors`');
  });

  it('answers a file dockerd starts with', async () => {
    const file = h.fake.hostAttachment({ name: 'daemon.json', content: '{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}' });
    const answer = await withAttachment(file);
    expect(answer.embeds[0]?.title).toBe('daemon.json: dockerd starts');
    expect(embedText(answer)).toContain('sudo systemctl restart docker');
  });

  it('works in a direct message with the bot too', async () => {
    const file = h.fake.hostAttachment({ name: 'daemon.json', content: '{"dns": ["127.0.0.53"]}' });
    const answer = await finalAnswer(h.send(inDirectMessage(chatInput({ name: 'daemon-json', attachments: { file } }))), 10_000);
    expect(answer.embeds[0]?.title).toBe('daemon.json: dockerd starts, with warnings');
    expect(embedText(answer)).toContain('`dns`');
  });

  it('refuses a file that is not on Discord’s CDN, politely, and never fetches it', async () => {
    const file = h.fake.hostAttachment({ name: 'daemon.json', content: '{"mtu": 1400}', outside: true });
    const answer = await withAttachment(file);
    const text = embedText(answer);
    expect(text).toContain('netlab reads attachments only from Discord’s own file host');
    expect(text).toContain('paste it into the form');
    expect(h.fake.outside.files.requests).toEqual([]);
    expect(h.fake.files.requestsFor(file.url)).toEqual([]);
    // The host was there to be fetched from: only netlab's rule kept the bot away.
    expect((await fetch(file.url)).status).toBe(200);
    expect(h.fake.outside.files.requests).toHaveLength(1);
  });

  it('refuses a file announced larger than 16 KiB without fetching it', async () => {
    const content = `{"labels": ["${'x'.repeat(DAEMON_JSON_MAX_BYTES)}"]}`;
    const file = h.fake.hostAttachment({ name: 'daemon.json', content });
    const answer = await withAttachment(file, 'zh-CN');
    expect(embedText(answer)).toContain(`这个文件有 ${content.length} 字节，netlab 最多只读取 ${DAEMON_JSON_MAX_BYTES} 字节。`);
    expect(h.fake.files.requestsFor(file.url)).toEqual([]);
  });

  it('stops reading a file whose announced size was a lie once it passes 16 KiB', async () => {
    const file = h.fake.hostAttachment({ name: 'daemon.json', content: ' '.repeat(DAEMON_JSON_MAX_BYTES * 4), size: 100 });
    const answer = await withAttachment(file);
    expect(embedText(answer)).toContain(`That file is larger than ${DAEMON_JSON_MAX_BYTES} bytes`);
    expect(h.fake.files.requestsFor(file.url)).toHaveLength(1);
  });
});
