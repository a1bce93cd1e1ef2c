/**
 * Reads the text of a file a member attached to a command. The URL arrives inside the
 * interaction, which can be forged, so netlab only fetches from Discord's own file hosts (and,
 * for a proxy or a local fake Discord, the DISCORD_API_BASE host), with a size cap and a time
 * limit: a forged interaction cannot make the bot fetch anything else, or anything large.
 */
import { UserError } from '../errors.ts';
import type { AttachmentRef } from '../commands/options.ts';

const DISCORD_FILE_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];
const FETCH_TIMEOUT_MS = 5_000;

const refused = (en: string, zh: string) => new UserError('attachment-refused', { en, zh });

export function attachmentReader(apiBase: string | undefined) {
  const allowed = new Set(DISCORD_FILE_HOSTS);
  if (apiBase) allowed.add(new URL(apiBase).host);
  return async (file: AttachmentRef, maxBytes: number): Promise<string> => {
    let url: URL;
    try {
      url = new URL(file.url);
    } catch {
      throw refused('That attachment has no usable address.', '这个附件的地址无法使用。');
    }
    if (!allowed.has(url.host) || !/^https?:$/.test(url.protocol)) throw refused('netlab reads attachments only from Discord’s own file host.', 'netlab 只读取 Discord 自己文件服务器上的附件。');
    if (file.size > maxBytes) throw refused(`That file is ${file.size} bytes; at most ${maxBytes} are read.`, `这个文件有 ${file.size} 字节，最多只读取 ${maxBytes} 字节。`);
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' }).catch((error: unknown) => {
      throw refused('The attachment could not be downloaded from Discord. Please try again.', '无法从 Discord 下载这个附件，请再试一次。');
      void error;
    });
    if (!response.ok || !response.body) throw refused('The attachment could not be downloaded from Discord. Please try again.', '无法从 Discord 下载这个附件，请再试一次。');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBytes) throw refused(`That file is larger than ${maxBytes} bytes.`, `这个文件超过了 ${maxBytes} 字节。`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks).toString('utf8');
  };
}
