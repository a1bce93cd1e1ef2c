import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer.ts';
import { renderForDiscord } from '../../src/discord/reply.ts';
import { DISCORD } from '../../src/limits.ts';
import { checkMessagePayload } from '../e2e/limits.ts';

function toApi(payload: ReturnType<typeof renderForDiscord>[number]) {
  const { allowedMentions, files, ...rest } = payload;
  return { ...rest, allowed_mentions: { parse: allowedMentions.parse, users: allowedMentions.users }, attachments: files.map((f, id) => ({ id, filename: f.name })) };
}

describe('the reply helper', () => {
  it('never lets curated text ping anyone', () => {
    const [payload] = renderForDiscord({ body: 'Hello @everyone and <@123456789012345678>' }, { hide: false });
    expect(payload!.allowedMentions).toEqual({ parse: [], users: [], repliedUser: false });
    expect(payload!.content).toBeUndefined();
  });

  it('pings only the classmate named in mention', () => {
    const [payload] = renderForDiscord({ body: 'Look at this' }, { hide: false, mention: '123456789012345678' });
    expect(payload!.content).toBe('<@123456789012345678>');
    expect(payload!.allowedMentions.users).toEqual(['123456789012345678']);
  });

  it('marks every message ephemeral when hidden', () => {
    const long: Answer = { title: 'Long', body: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${'z'.repeat(400)}`).join('\n\n') };
    const payloads = renderForDiscord(long, { hide: true });
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(p.flags).toBe(64);
  });

  it('splits a long answer into messages that each respect every Discord limit', () => {
    const answer: Answer = {
      title: 't'.repeat(400),
      body: Array.from({ length: 60 }, (_, i) => `Paragraph ${i} ${'w'.repeat(300)}`).join('\n\n'),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `field ${i}`, value: 'v'.repeat(1_500) })),
      footer: 'f'.repeat(3_000),
      links: Array.from({ length: 30 }, (_, i) => ({ label: `A very long related topic label number ${i} `.repeat(3), topicId: `topic-${i}` })),
      attachments: [{ name: 'ip-addr.txt', content: 'x'.repeat(70_000) }],
    };
    const payloads = renderForDiscord(answer, { hide: false });
    for (const p of payloads) expect(checkMessagePayload(toApi(p))).toEqual([]);
    const text = payloads.flatMap((p) => p.embeds.map((e) => e.description ?? '')).join('');
    expect(text).toContain('Paragraph 59');
    expect(payloads.at(-1)!.components.length).toBeLessThanOrEqual(DISCORD.actionRowsMax);
    expect(payloads.at(-1)!.files[0]!.attachment.length).toBe(70_000);
  });

  it('sends a picture’s bytes as they are, with its alt text within Discord’s limit', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 7]);
    const [payload] = renderForDiscord({ body: 'x', attachments: [{ name: 'topology.png', png, ascii: '+--+', description: 'd'.repeat(2_000) }] }, { hide: false });
    expect(payload!.files).toHaveLength(1);
    expect([...payload!.files[0]!.attachment]).toEqual([...png]);
    expect(payload!.files[0]!.description!.length).toBeLessThanOrEqual(DISCORD.attachmentDescriptionMax);
  });

  it('sends at most 10 files a message, the rest in a follow-up, and leaves out a file Discord would refuse', () => {
    const attachments = [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, content: String(i) })),
      { name: 'huge.png', png: new Uint8Array(DISCORD.attachmentBytesMax + 1), ascii: '', description: '' },
    ];
    const payloads = renderForDiscord({ body: 'x', attachments }, { hide: true });
    expect(payloads.map((p) => p.files.map((f) => f.name))).toEqual([Array.from({ length: 10 }, (_, i) => `f${i}.txt`), ['f10.txt', 'f11.txt']]);
    for (const p of payloads) expect([checkMessagePayload(toApi(p)), p.flags]).toEqual([[], 64]);
  });

  it('turns topic links into learn buttons', () => {
    const [payload] = renderForDiscord({ body: 'x', links: [{ label: 'none mode', topicId: 'mode-none' }] }, { hide: false });
    expect(payload!.components[0]!.components[0]).toMatchObject({ custom_id: 'learn:mode-none', label: 'none mode' });
  });
});
