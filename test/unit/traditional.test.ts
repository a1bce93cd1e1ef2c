import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { Responder, type ReplyTarget } from '../../src/discord/responder.ts';
import { readsTraditional, traditionalAnswer, traditionalChoices, traditionalLocalizations } from '../../src/text/traditional.ts';

/** Records the text of every payload the responder sends. */
class RecordingTarget implements ReplyTarget {
  deferred = false;
  replied = false;
  readonly texts: string[] = [];
  private record(payload: { embeds?: { title?: string; description?: string; footer?: { text: string } }[]; components?: unknown[] }) {
    this.texts.push(JSON.stringify([payload.embeds, payload.components]));
  }
  async deferReply() {
    this.deferred = true;
  }
  async reply(payload: Parameters<ReplyTarget['reply']>[0]) {
    this.replied = true;
    this.record(payload);
  }
  async editReply(payload: Parameters<ReplyTarget['editReply']>[0]) {
    this.record(payload);
  }
  async followUp(payload: Parameters<ReplyTarget['followUp']>[0]) {
    this.record(payload);
  }
  async deleteReply() {}
}

const simplified: Answer = {
  title: '默认网桥（docker0）',
  body: '每个容器有自己的网络命名空间。运行 `docker network ls` 查看网络。',
  footer: '主题: mode-bridge-default',
  fields: [{ name: '端口', value: '用 `-p 8080:80` 发布' }],
  links: [{ label: '阅读完整主题', topicId: 'mode-bridge-default' }],
  attachments: [{ name: 'ip-addr.txt', content: '默认 output stays' }],
  tone: 'info',
};

describe('Traditional Chinese for zh-TW members', () => {
  it('is for the zh-TW locale only', () => {
    expect(readsTraditional('zh-TW')).toBe(true);
    expect(readsTraditional('zh-CN')).toBe(false);
    expect(readsTraditional('en-US')).toBe(false);
    expect(readsTraditional(undefined)).toBe(false);
  });

  it('converts every text of an answer to Taiwan’s standard characters, and leaves code and program output alone', async () => {
    const answer = await traditionalAnswer(simplified);
    expect(answer.title).toBe('默認網橋（docker0）');
    expect(answer.body).toBe('每個容器有自己的網絡命名空間。運行 `docker network ls` 查看網絡。');
    expect(answer.fields).toEqual([{ name: '端口', value: '用 `-p 8080:80` 發佈' }]);
    expect(answer.links).toEqual([{ label: '閱讀完整主題', topicId: 'mode-bridge-default' }]);
    expect(answer.footer).toBe('主題: mode-bridge-default');
    expect(answer.attachments).toEqual(simplified.attachments);
  });

  it('returns an answer without Chinese unchanged', async () => {
    const english: Answer = { title: 'Default bridge', body: 'Use `docker network ls`.', links: [{ label: 'Read the whole topic', topicId: 'x' }] };
    expect(await traditionalAnswer(english)).toBe(english);
  });

  it('converts autocomplete choices and the zh-TW localizations of command definitions only', async () => {
    expect(await traditionalChoices([{ name: '点到点连接 · p2p-veth-recipe', value: 'p2p-veth-recipe' }])).toEqual([{ name: '點到點連接 · p2p-veth-recipe', value: 'p2p-veth-recipe' }]);
    const payload = { name: 'ask', name_localizations: { 'zh-CN': '提问', 'zh-TW': '提问' }, options: [{ description_localizations: { 'zh-CN': '要演示的网络模式', 'zh-TW': '要演示的网络模式' } }] };
    expect(await traditionalLocalizations(payload)).toEqual({
      name: 'ask',
      name_localizations: { 'zh-CN': '提问', 'zh-TW': '提問' },
      options: [{ description_localizations: { 'zh-CN': '要演示的网络模式', 'zh-TW': '要演示的網絡模式' } }],
    });
  });

  it('reaches the member through the responder: answers, refusals and buttons', async () => {
    const target = new RecordingTarget();
    const responder = new Responder(target, { hide: false, traditional: true });
    await responder.reply(simplified);
    responder.dispose();
    expect(target.texts[0]).toContain('默認網橋');
    expect(target.texts[0]).toContain('閱讀完整主題');
    expect(target.texts[0]).not.toContain('网');
    // Characters with two Traditional forms are told apart by phrase (发布 → 發佈, 头发 → 頭髮).
    expect((await traditionalAnswer({ body: '发布端口，头发，后面' })).body).toBe('發佈端口，頭髮，後面');

    const refused = new RecordingTarget();
    const failing = new Responder(refused, { hide: false, traditional: true });
    await failing.fail({ body: '没有名为“x”的主题。', tone: 'warn' });
    failing.dispose();
    expect(refused.texts[0]).toContain('沒有名為“x”的主題。');
  });

  it('leaves Simplified Chinese as it is for other members', async () => {
    const target = new RecordingTarget();
    const responder = new Responder(target, { hide: false });
    await responder.reply(simplified);
    responder.dispose();
    expect(target.texts[0]).toContain('默认网桥');
  });
});
