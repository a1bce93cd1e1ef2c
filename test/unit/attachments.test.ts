// Which attachment URLs the bot may fetch: the URL comes inside an interaction, which can be
// forged, so only Discord's file hosts (over HTTPS, attachment paths only) pass — plus the
// DISCORD_API_BASE origin when one is set (a proxy, or the fake Discord in the e2e tests).
import { describe, expect, it } from 'vitest';
import { attachmentReader, discordFileUrl } from '../../src/discord/attachments.ts';

const CDN = 'https://cdn.discordapp.com/ephemeral-attachments/1300000000000000200/1300000000000000900/daemon.json?ex=6790&is=678f&hm=ab12';

describe('discordFileUrl', () => {
  it('takes attachment paths on Discord’s file hosts', () => {
    expect(discordFileUrl(CDN, undefined)?.host).toBe('cdn.discordapp.com');
    expect(discordFileUrl('https://media.discordapp.net/attachments/1300000000000000200/1300000000000000900/daemon.json', undefined)).toBeDefined();
  });

  it('refuses other hosts, plain HTTP, other paths and user info, without an API base', () => {
    for (const url of [
      'https://example.com/attachments/1/2/daemon.json',
      'http://cdn.discordapp.com/attachments/1300000000000000200/1300000000000000900/daemon.json',
      'https://cdn.discordapp.com.evil.example/attachments/1/2/daemon.json',
      'https://cdn.discordapp.com/avatars/1300000000000000300/abc.png',
      'https://cdn.discordapp.com/attachments/1/2/../../../api/v10/users/@me',
      'https://user:secret@cdn.discordapp.com/attachments/1/2/daemon.json',
      'http://127.0.0.1:8080/attachments/1/2/daemon.json',
      'http://169.254.169.254/latest/meta-data/',
      'file:///etc/docker/daemon.json',
      'not a url',
    ]) {
      expect(discordFileUrl(url, undefined), url).toBeUndefined();
    }
  });

  it('adds the API base’s origin (scheme, host and port) and nothing else', () => {
    const base = 'http://127.0.0.1:40123/api';
    expect(discordFileUrl('http://127.0.0.1:40123/attachments/1/2/daemon.json', base)).toBeDefined();
    expect(discordFileUrl('http://127.0.0.1:40124/attachments/1/2/daemon.json', base)).toBeUndefined();
    expect(discordFileUrl('https://127.0.0.1:40123/attachments/1/2/daemon.json', base)).toBeUndefined();
    expect(discordFileUrl('http://127.0.0.1:40123/api/v10/users/@me', base)).toBeUndefined();
    expect(discordFileUrl(CDN, base)).toBeDefined();
  });
});

describe('attachmentReader', () => {
  it('refuses a foreign URL and an announced oversize file before any download, in both languages', async () => {
    expect.assertions(4);
    const read = attachmentReader(undefined);
    try {
      await read({ url: 'http://127.0.0.1:9/attachments/1/2/daemon.json', name: 'daemon.json', size: 10 }, 100);
    } catch (error) {
      expect((error as { text: { en: string } }).text.en).toMatch(/only from Discord’s own file host/);
      expect((error as { text: { zh: string } }).text.zh).toMatch(/只读取那里的附件/);
    }
    try {
      await read({ url: CDN, name: 'daemon.json', size: 101 }, 100);
    } catch (error) {
      expect((error as { text: { en: string } }).text.en).toBe('That file is 101 bytes; netlab reads at most 100.');
      expect((error as { text: { zh: string } }).text.zh).toBe('这个文件有 101 字节，netlab 最多只读取 100 字节。');
    }
  });
});
