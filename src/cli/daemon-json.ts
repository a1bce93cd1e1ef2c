/**
 * `netlab daemon-json FILE|-`: reads a daemon.json from this machine (or stdin) for the doctor.
 * The answer itself is daemonJsonAnswer(), the same as /daemon-json in Discord and the console;
 * this file only gets the text, refusing clearly what it cannot read.
 */
import { open } from 'node:fs/promises';
import { DAEMON_JSON_MAX_BYTES } from '../commands/daemon-json.ts';
import { UserError } from '../errors.ts';
import type { Verdict } from '../doctor/index.ts';
import { cleanEcho } from '../text/echo.ts';

/** The file could not be read, or is too large to be a daemon.json: the caller's to fix (exit 2). */
export class UnreadableDaemonJsonError extends UserError {}

const tooLarge = (what: string) =>
  new UnreadableDaemonJsonError('daemon-json-too-large', {
    en: `${what} is larger than ${DAEMON_JSON_MAX_BYTES} bytes, too large to be a daemon.json.`,
    zh: `${what} 超过 ${DAEMON_JSON_MAX_BYTES} 字节，不像是 daemon.json。`,
  });

const REASONS: Readonly<Record<string, { en: string; zh: string }>> = {
  ENOENT: { en: 'no such file', zh: '文件不存在' },
  EACCES: { en: 'permission denied (try sudo)', zh: '没有读取权限（可以试试 sudo）' },
  EPERM: { en: 'permission denied (try sudo)', zh: '没有读取权限（可以试试 sudo）' },
  EISDIR: { en: 'that is a directory', zh: '这是一个目录' },
};

/** Reads at most the cap plus one byte, so a huge file (or /dev/zero) is refused without being read whole. */
async function readCapped(chunks: AsyncIterable<Buffer | string>, what: string): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.byteLength;
    if (size > DAEMON_JSON_MAX_BYTES) throw tooLarge(what);
    parts.push(buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The daemon.json text at `source`, or stdin for `-`. */
export async function readDaemonJson(source: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (source === '-') return readCapped(stdin as AsyncIterable<Buffer | string>, 'stdin');
  return readDaemonJsonFile(source);
}

/** The daemon.json text of a file on this machine. */
export async function readDaemonJsonFile(path: string): Promise<string> {
  const shown = cleanEcho(path, 120);
  try {
    const handle = await open(path, 'r');
    try {
      return await readCapped(handle.createReadStream({ autoClose: false }), shown);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const reason = REASONS[code] ?? { en: code || (error as Error).message, zh: code || (error as Error).message };
    throw new UnreadableDaemonJsonError('daemon-json-unreadable', {
      en: `cannot read ${shown}: ${reason.en}.`,
      zh: `读不了 ${shown}：${reason.zh}。`,
    });
  }
}

/** 1 when dockerd would refuse to start, as scripts and CI jobs expect of a failed check. */
export function exitCodeFor(verdict: Verdict): number {
  return verdict === 'will-not-start' ? 1 : 0;
}
