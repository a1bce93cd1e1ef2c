// The payloads netlab builds, checked against Discord's own OpenAPI description: the command
// registration, a reply, an edit and a follow-up conform, and the checker does catch a payload
// Discord would refuse. (The fake Discord runs the same check on every request in every e2e test.)
import { describe, expect, it } from 'vitest';
import { commandPayloads } from '../../src/commands/index.ts';
import { renderForDiscord } from '../../src/discord/reply.ts';
import { openApiProblems } from './openapi.ts';

const answer = { title: 'none mode', body: 'Only `lo`.', footer: 'topic: mode-none', tone: 'ok' as const, links: [{ label: 'Read the whole topic', topicId: 'mode-none' }] };
/** A form as /daemon-json opens it: one paragraph input of up to `max` characters. */
const modal = (max: number) => ({ type: 9, data: { custom_id: 'daemon-json:check', title: 'daemon.json doctor', components: [{ type: 1, components: [{ type: 4, custom_id: 'content', label: 'Paste your daemon.json', style: 2, required: true, max_length: max }] }] } });
const toJson = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (Buffer.isBuffer(v) ? undefined : v))) as Record<string, unknown>;

describe('Discord’s OpenAPI description', () => {
  it('accepts the command registration netlab sends', () => {
    expect(openApiProblems('PUT', '/applications/123456789012345678/commands', toJson(commandPayloads()))).toEqual([]);
  });

  it('accepts a reply, an edit and a follow-up as netlab renders them', () => {
    const [first] = renderForDiscord(answer, { hide: true, mention: '223456789012345678' });
    const { files: _files, ...message } = toJson(first) as { files?: unknown };
    const body = { ...message, allowed_mentions: (message as { allowedMentions?: unknown }).allowedMentions };
    delete (body as { allowedMentions?: unknown }).allowedMentions;
    expect(openApiProblems('POST', '/interactions/123456789012345678/aW50ZXJhY3Rpb24/callback', { type: 4, data: body })).toEqual([]);
    expect(openApiProblems('PATCH', '/webhooks/123456789012345678/aW50ZXJhY3Rpb24/messages/@original', body)).toEqual([]);
    expect(openApiProblems('POST', '/webhooks/123456789012345678/aW50ZXJhY3Rpb24', body)).toEqual([]);
  });

  it('accepts a form (modal) with a 4,000-character paragraph input, and refuses one character more', () => {
    expect(openApiProblems('POST', '/interactions/123456789012345678/aW50ZXJhY3Rpb24/callback', modal(4000))).toEqual([]);
    expect(openApiProblems('POST', '/interactions/123456789012345678/aW50ZXJhY3Rpb24/callback', modal(4001))).not.toEqual([]);
  });

  it('catches what Discord would refuse', () => {
    expect(openApiProblems('POST', '/interactions/1/t/callback', { type: 4, data: { embeds: [{ title: 'x'.repeat(300) }] } })).not.toEqual([]);
    expect(openApiProblems('POST', '/interactions/1/t/callback', { type: 4, data: { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'c'.repeat(101) }] }] } })).not.toEqual([]);
    expect(openApiProblems('PUT', '/applications/1/commands', [{ name: 'x', description: 'd'.repeat(101), type: 1 }])).not.toEqual([]);
  });
});
