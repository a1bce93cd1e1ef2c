/**
 * Reads the text of a file a member attached to a command. The URL arrives inside the
 * interaction, which can be forged, so netlab only fetches attachment paths from Discord's own
 * file hosts over HTTPS — and from the DISCORD_API_BASE origin when the organiser set one (a
 * proxy, or the local fake Discord in tests; unset in production, so only the CDN) — with a size
 * cap and a time limit: a forged interaction cannot make the bot fetch anything else, or anything
 * large.
 */
import { UserError } from '../errors.ts';
import type { AttachmentRef } from '../commands/options.ts';

const DISCORD_FILE_ORIGINS = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];
/** Where Discord keeps files: `/attachments/<channel>/<id>/<name>`, or `/ephemeral-attachments/…` for a command's option. */
const ATTACHMENT_PATH = /^\/(?:ephemeral-)?attachments\/\d+\/\d+\/[^/]+$/;
const FETCH_TIMEOUT_MS = 5_000;

const refused = (en: string, zh: string) => new UserError('attachment-refused', { en, zh });

/** The URL when it names a file on Discord's file hosts (or the apiBase origin), else undefined. */
export function discordFileUrl(address: string, apiBase: string | undefined): URL | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  const origins = apiBase ? [...DISCORD_FILE_ORIGINS, new URL(apiBase).origin] : DISCORD_FILE_ORIGINS;
  if (!origins.includes(url.origin) || url.username !== '' || url.password !== '') return undefined;
  return ATTACHMENT_PATH.test(url.pathname) ? url : undefined;
}

const notDownloaded = () => refused('The attachment could not be downloaded from Discord. Please try again.', '无法从 Discord 下载这个附件，请再试一次。');

export function attachmentReader(apiBase: string | undefined) {
  return async (file: AttachmentRef, maxBytes: number): Promise<string> => {
    const url = discordFileUrl(file.url, apiBase);
    if (!url) {
      throw refused(
        'netlab reads attachments only from Discord’s own file host, and this one is not there. Attach the file again, or paste it into the form.',
        '这个附件不在 Discord 自己的文件服务器上，netlab 只读取那里的附件。请重新附上文件，或者在表单里粘贴内容。',
      );
    }
    if (file.size > maxBytes) throw refused(`That file is ${file.size} bytes; netlab reads at most ${maxBytes}.`, `这个文件有 ${file.size} 字节，netlab 最多只读取 ${maxBytes} 字节。`);
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' }).catch(() => {
      throw notDownloaded();
    });
    if (!response.ok || !response.body) throw notDownloaded();
    const chunks: Buffer[] = [];
    let size = 0;
    // The size in the interaction can be forged: the cap holds on the bytes that arrive.
    for await (const chunk of response.body) {
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBytes) throw refused(`That file is larger than ${maxBytes} bytes, the most netlab reads.`, `这个文件超过了 ${maxBytes} 字节，netlab 最多只读取这么多。`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks).toString('utf8');
  };
}
