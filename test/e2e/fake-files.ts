// Files for the fake Discord: what its CDN serves (attachments a member sent with a command, and
// what the bot uploaded), and a second loopback host that is *not* Discord, so a test can prove
// the bot never fetched a file from there. Both record every request they get.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIAttachment } from 'discord.js';
import { snowflake } from './interactions.ts';

/** Discord's file paths: `/attachments/<channel>/<id>/<name>`, `/ephemeral-attachments/…` for a command's option. */
export const FILE_PATH = /^\/(?:ephemeral-)?attachments\/\d+\/\d+\/[^/]+$/;

export interface FileRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface AttachmentInput {
  readonly name: string;
  readonly content: string | Buffer;
  readonly contentType?: string;
  /** The size the interaction announces (the real byte count unless set). */
  readonly size?: number;
  readonly channelId: string;
}

/** Files by path, served to GET; every request recorded. */
export class FileStore {
  readonly requests: FileRequest[] = [];
  readonly #files = new Map<string, { data: Buffer; contentType: string }>();

  put(path: string, data: Buffer, contentType: string): void {
    this.#files.set(path, { data, contentType });
  }

  /** A file as Discord describes it inside an interaction (`resolved.attachments`), stored under `origin`. */
  attachment(origin: string, input: AttachmentInput): APIAttachment {
    const id = snowflake();
    const data = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content, 'utf8');
    const contentType = input.contentType ?? 'application/json; charset=utf-8';
    const path = `/ephemeral-attachments/${input.channelId}/${id}/${encodeURIComponent(input.name)}`;
    this.put(decodeURIComponent(path), data, contentType);
    // Discord signs its CDN links: ex (expiry), is (issued), hm (signature).
    const url = `${origin}${path}?ex=${Math.floor(Date.now() / 1000 + 86_400).toString(16)}&is=${Math.floor(Date.now() / 1000).toString(16)}&hm=${id}`;
    return { id, filename: input.name, size: input.size ?? data.length, url, proxy_url: url, content_type: contentType, ephemeral: true };
  }

  /** Requests for the file behind `url` (by path). */
  requestsFor(url: string): FileRequest[] {
    const path = decodeURIComponent(new URL(url).pathname);
    return this.requests.filter((r) => r.path === path);
  }

  serve(req: IncomingMessage, res: ServerResponse, path: string): void {
    const file = req.method === 'GET' ? this.#files.get(path) : undefined;
    this.requests.push({ method: req.method ?? 'GET', path, status: file ? 200 : 404 });
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.length }).end(file.data);
  }
}

/** A loopback web server that is not Discord: it serves files too, so a fetch from it would succeed. */
export class OutsideHost {
  readonly files = new FileStore();
  #server: Server | null = null;
  #origin = '';

  get origin(): string {
    return this.#origin;
  }

  async start(host: string): Promise<void> {
    const server = createServer((req, res) => this.files.serve(req, res, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    this.#server = server;
    this.#origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
