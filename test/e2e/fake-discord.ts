// A local fake Discord on loopback — REST and gateway on one HTTP server — that the real
// discord.js v14 client logs into. It records what the bot sends, checks every payload against
// Discord's limits (limits.ts) and answers the way Discord does when a rule is broken.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { APIAttachment, APIInteraction, APIMessage } from 'discord.js';
import { FILE_PATH, FileStore, OutsideHost, type AttachmentInput } from './fake-files.ts';
import { findCommandProblems, findMessageProblems, isEmptyMessage, type LimitProblem } from './limits.ts';
import { openApiProblems } from './openapi.ts';
import { FAKE_BOT_USER, FAKE_IDS, botMessage, snowflake } from './interactions.ts';

/** A token of the right shape (three dot-separated base64 parts). */
export const FAKE_TOKEN = `${'MTAx'.padEnd(24, 'A')}.GhIjKl.${'x'.repeat(27)}`;

export interface FakeDiscordOptions {
  /** When set, REST `Authorization: Bot …` and IDENTIFY must carry this token (else 401 / close 4004). */
  token?: string;
  /** Discord's acknowledgement window; default 3,000 ms. */
  ackDeadlineMs?: number;
  heartbeatIntervalMs?: number;
  /** Answer 400 like Discord for payloads Discord itself refuses (default true). */
  rejectInvalid?: boolean;
  /**
   * The address to listen on and hand out (default 127.0.0.1). The stack test uses the gateway
   * address of a network of its own, so a bot in a container reaches it and nothing else does.
   */
  host?: string;
}

export interface Violation {
  /** Route template, e.g. `POST /interactions/:id/:token/callback`, or `gateway`. */
  route: string;
  detail: string;
  interactionId?: string;
}

export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  body: unknown;
  files: UploadedFile[];
  status: number;
}

export interface CallbackRecord {
  type: number;
  data: Record<string, unknown> | undefined;
  files: UploadedFile[];
  /** Milliseconds after the interaction was dispatched. */
  atMs: number;
  /** What the fake answered: 204/200 accepted, 400 rejected, 404 too late. */
  status: number;
}

export interface MessageWrite {
  messageId: string;
  body: Record<string, unknown>;
  files: UploadedFile[];
  atMs: number;
  status: number;
  /** The message after the write, when it was accepted. */
  message: APIMessage | null;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  properties: unknown;
  shard: unknown;
}

export interface CommandRegistration {
  route: string;
  scope: 'global' | 'guild';
  applicationId: string;
  guildId?: string;
  body: unknown;
  violations: string[];
  status: number;
}

type Json = Record<string, unknown>;

function waitUntil<T>(
  subscribe: (listener: () => void) => () => void,
  check: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const found = check();
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

class Listeners {
  readonly #set = new Set<() => void>();
  subscribe = (listener: () => void): (() => void) => {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  };
  notify(): void {
    for (const listener of [...this.#set]) listener();
  }
}

/** Everything that happens to one dispatched interaction, in order, with times after dispatch. */
export class InteractionRecord {
  readonly callbacks: CallbackRecord[] = [];
  readonly edits: MessageWrite[] = [];
  readonly followUps: MessageWrite[] = [];
  readonly deletes: { messageId: string; atMs: number }[] = [];
  readonly violations: Violation[] = [];
  /** The response message (`@original`) as it stands now, or null. */
  original: APIMessage | null = null;
  /** Follow-up messages as they stand now, by id. */
  readonly followUpMessages = new Map<string, APIMessage>();
  acknowledged = false;
  readonly #listeners = new Listeners();
  readonly #dispatchedAt: number;

  constructor(readonly payload: APIInteraction, dispatchedAt: number) {
    this.#dispatchedAt = dispatchedAt;
  }

  get id(): string {
    return this.payload.id;
  }

  get token(): string {
    return this.payload.token;
  }

  /** Time from dispatch to the first accepted callback, or null while unacknowledged. */
  get ackLatencyMs(): number | null {
    return this.callbacks.find((c) => c.status < 300)?.atMs ?? null;
  }

  /** Autocomplete choices from the accepted type-8 callback, if any. */
  get choices(): Json[] | null {
    const cb = this.callbacks.find((c) => c.type === 8 && c.status < 300);
    return cb ? ((cb.data?.['choices'] as Json[] | undefined) ?? []) : null;
  }

  /** What the user now sees: the response message, then follow-ups. */
  get visibleMessages(): APIMessage[] {
    return [...(this.original ? [this.original] : []), ...this.followUpMessages.values()];
  }

  elapsedMs(): number {
    return performance.now() - this.#dispatchedAt;
  }

  /** First callback received (accepted or not: check `status`). */
  waitForCallback(timeoutMs = 3000): Promise<CallbackRecord> {
    return this.#wait(() => this.callbacks[0], timeoutMs, 'no interaction callback');
  }

  /** First accepted edit (of `@original` or a follow-up) matching the predicate. */
  waitForEdit(predicate: (edit: MessageWrite) => boolean = () => true, timeoutMs = 5000): Promise<MessageWrite> {
    return this.#wait(() => this.edits.find((e) => e.status < 300 && predicate(e)), timeoutMs, 'no matching edit');
  }

  /** First accepted follow-up matching the predicate. */
  waitForFollowUp(predicate: (f: MessageWrite) => boolean = () => true, timeoutMs = 5000): Promise<MessageWrite> {
    return this.#wait(() => this.followUps.find((f) => f.status < 300 && predicate(f)), timeoutMs, 'no matching follow-up');
  }

  /** Resolves once the predicate holds for the record, e.g. `r => r.original?.embeds.length > 0`. */
  waitForFinal(predicate: (record: InteractionRecord) => boolean, timeoutMs = 5000): Promise<InteractionRecord> {
    return this.#wait(() => (predicate(this) ? this : undefined), timeoutMs, 'predicate never held');
  }

  /** One line per event, for assertion messages. */
  summary(): string {
    const lines = [
      ...this.callbacks.map((c) => `callback type ${c.type} → ${c.status} at ${c.atMs.toFixed(0)} ms`),
      ...this.edits.map((e) => `edit ${e.messageId} → ${e.status} at ${e.atMs.toFixed(0)} ms`),
      ...this.followUps.map((f) => `follow-up → ${f.status} at ${f.atMs.toFixed(0)} ms`),
      ...this.violations.map((v) => `violation: ${v.detail}`),
    ];
    return `interaction ${this.id}: ${lines.length ? lines.join('; ') : 'nothing happened'}`;
  }

  /** @internal */
  changed(): void {
    this.#listeners.notify();
  }

  #wait<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return waitUntil(this.#listeners.subscribe, check, timeoutMs, () => `${what} (${this.summary()})`);
  }
}

interface Session {
  id: string;
  seq: number;
  history: { op: 0; t: string; s: number; d: unknown }[];
  socket: WebSocket | null;
}

interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  json: Json;
  rawBody: unknown;
  files: UploadedFile[];
  record: RecordedRequest;
}

class HttpReply {
  constructor(readonly status: number, readonly body?: unknown) {}
}

const UNKNOWN_INTERACTION = new HttpReply(404, { message: 'Unknown interaction', code: 10062 });
const UNKNOWN_WEBHOOK = new HttpReply(404, { message: 'Unknown Webhook', code: 10015 });
const UNKNOWN_MESSAGE = new HttpReply(404, { message: 'Unknown Message', code: 10008 });
const UNAUTHORIZED = new HttpReply(401, { message: '401: Unauthorized', code: 0 });
const ALREADY_ACKNOWLEDGED = new HttpReply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });

// Callback types Discord accepts per interaction type.
const ALLOWED_CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9, 10, 12], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

export class FakeDiscord {
  readonly violations: Violation[] = [];
  readonly commandRegistrations: CommandRegistration[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: { sessionId: string; seq: number; accepted: boolean }[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly unknownRoutes: RecordedRequest[] = [];
  /** Tokens seen in `Authorization: Bot <token>` headers. */
  readonly restTokens = new Set<string>();
  /** Query strings of gateway connections, e.g. `v=10&encoding=json`. */
  readonly gatewayQueries: string[] = [];
  /** HEARTBEATs received (each answered with HEARTBEAT_ACK). */
  heartbeats = 0;
  /** Internal errors of the fake itself; should stay empty. */
  readonly errors: Error[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  /** Discord's CDN, on this server: files members attach to commands, and those the bot uploads. */
  readonly files = new FileStore();
  /** A web server that is not Discord (a forged interaction's attachment may point there). */
  readonly outside = new OutsideHost();

  readonly #options: Required<Omit<FakeDiscordOptions, 'token'>> & { token?: string };
  readonly #listeners = new Listeners();
  readonly #sessions = new Map<string, Session>();
  readonly #sockets = new Set<Socket>();
  readonly #faults: { method: string; path: RegExp; kind: '429' | '500' | 'hang'; left: number }[] = [];
  /** Requests answered with an injected fault, by kind. */
  readonly faulted: { kind: string; method: string; path: string }[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #globalCommands: Json[] = [];
  readonly #guildCommands = new Map<string, Json[]>();
  #server: Server | null = null;
  #wss: WebSocketServer | null = null;
  #port = 0;
  #current: Session | null = null;
  #readyCount = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.#options = {
      ackDeadlineMs: 3000,
      heartbeatIntervalMs: 41_250,
      rejectInvalid: true,
      host: '127.0.0.1',
      ...options,
    };
  }

  get port(): number {
    return this.#port;
  }

  /** The discord.js `rest.api` option; discord.js appends `/v10/...`. */
  get apiBase(): string {
    return `http://${this.#host}:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${this.#host}:${this.#port}`;
  }

  get #host(): string {
    return this.#options.host;
  }

  get applicationId(): string {
    return FAKE_IDS.applicationId;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.#handleHttp(req, res).catch((error: unknown) => this.#internalError(error, res));
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => this.#onGatewayConnection(ws, req));
    });
    wss.on('error', (error) => this.errors.push(error));
    this.#server = server;
    this.#wss = wss;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.#host, () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    await this.outside.start(this.#host);
  }

  /**
   * A file a member attaches to a command: stored on this fake's CDN (or, with `outside`, on a
   * host that is not Discord), described as Discord does in `resolved.attachments`.
   */
  hostAttachment(input: Omit<AttachmentInput, 'channelId'> & { channelId?: string; outside?: boolean }): APIAttachment {
    const { outside, ...file } = input;
    const store = outside ? this.outside.files : this.files;
    return store.attachment(outside ? this.outside.origin : `http://${this.#host}:${this.#port}`, { ...file, channelId: input.channelId ?? FAKE_IDS.channelId });
  }

  /**
   * Closes every socket and the server. Destroy the discord.js client first; a client still
   * connected is closed with 4010, a code after which discord.js gives up instead of retrying
   * forever against a closed port (it keeps retrying even after `client.destroy()`).
   */
  async stop(options: { abrupt?: boolean } = {}): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const wss = this.#wss;
    const server = this.#server;
    this.#wss = null;
    this.#server = null;
    if (wss) {
      // Abrupt: Discord vanishes (a network outage) — connections drop without a close frame.
      if (options.abrupt) for (const ws of wss.clients) ws.terminate();
      else await Promise.all([...wss.clients].map((ws) => closeGently(ws, 4010, 'FakeDiscord stopped')));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of this.#sockets) socket.destroy();
      await closed;
    }
    await this.outside.stop();
  }

  /** Resolves once a client has identified and been sent READY. */
  waitForReady(timeoutMs = 10_000): Promise<IdentifyRecord> {
    return this.waitUntil(
      () => (this.#readyCount > 0 ? this.identifies.at(-1) : undefined),
      timeoutMs,
      'no client identified',
    );
  }

  /** Resolves with the check's first defined value, re-checked after every recorded event. */
  waitUntil<T>(check: () => T | undefined, timeoutMs = 5000, what = 'condition never held'): Promise<T> {
    return waitUntil(this.#listeners.subscribe, check, timeoutMs, () => what);
  }

  /** Dispatches INTERACTION_CREATE and starts Discord's acknowledgement clock. */
  sendInteraction(payload: APIInteraction): InteractionRecord {
    if (!this.#current) throw new Error('FakeDiscord: no gateway session; await waitForReady() first');
    const record = new InteractionRecord(payload, performance.now());
    this.interactions.set(payload.id, record);
    this.#dispatch('INTERACTION_CREATE', payload);
    this.#checkAcknowledged(record);
    return record;
  }

  // Timers can fire a fraction of a millisecond early against performance.now(); re-arm until due.
  #checkAcknowledged(record: InteractionRecord): void {
    if (record.acknowledged) return;
    const remaining = this.#options.ackDeadlineMs - record.elapsedMs();
    if (remaining > 0) return this.#after(Math.ceil(remaining), () => this.#checkAcknowledged(record));
    this.#violation('gateway', `interaction not acknowledged within ${this.#options.ackDeadlineMs} ms`, record);
  }

  /**
   * Makes the next `count` requests matching `route` (method and a path pattern) fail the way
   * Discord sometimes does: 429 with a retry_after, 500, or no answer at all (the client's own
   * timeout ends the request). Faulted requests are recorded but not acted on.
   */
  injectFault(fault: { readonly method: string; readonly path: RegExp; readonly kind: '429' | '500' | 'hang'; readonly count: number }): void {
    this.#faults.push({ ...fault, left: fault.count });
  }

  /** Sends op 7 RECONNECT: the client should reconnect and RESUME. */
  requestReconnect(): void {
    this.#current?.socket?.send(JSON.stringify({ op: 7, d: null }));
  }

  /**
   * Closes the gateway connection with a close code, as Discord does: 4000 (unknown error) may be
   * resumed; 4004 (authentication failed: the token was reset) and 4010–4014 may not.
   */
  closeGateway(code: number, reason = 'FakeDiscord closed the connection'): void {
    this.#current?.socket?.close(code, reason);
  }

  // ---------------------------------------------------------------- gateway

  #onGatewayConnection(ws: WebSocket, req: IncomingMessage): void {
    this.gatewayQueries.push(new URL(req.url ?? '/', 'http://x').searchParams.toString());
    ws.on('error', (error) => this.errors.push(error));
    ws.on('message', (data) => {
      try {
        this.#onGatewayMessage(ws, data);
      } catch (error) {
        this.errors.push(error as Error);
      }
    });
    ws.on('close', () => {
      for (const session of this.#sessions.values()) if (session.socket === ws) session.socket = null;
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#options.heartbeatIntervalMs } }));
  }

  #onGatewayMessage(ws: WebSocket, data: RawData): void {
    let payload: { op?: number; d?: Json | number | null };
    try {
      payload = JSON.parse(data.toString()) as typeof payload;
    } catch {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = (typeof payload.d === 'object' && payload.d !== null ? payload.d : {}) as Json;
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        ws.send(JSON.stringify({ op: 11 }));
        this.#listeners.notify();
        return;
      case 2:
        return this.#identify(ws, d);
      case 6:
        return this.#resume(ws, d);
      default:
        return; // presence updates, member requests: accepted and ignored
    }
  }

  #tokenOk(token: unknown): boolean {
    return typeof token === 'string' && (this.#options.token === undefined || token === this.#options.token);
  }

  #identify(ws: WebSocket, d: Json): void {
    this.identifies.push({ token: String(d['token']), intents: Number(d['intents']), properties: d['properties'], shard: d['shard'] });
    if (!this.#tokenOk(d['token'])) {
      ws.close(4004, 'Authentication failed.');
      this.#listeners.notify();
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, history: [], socket: ws };
    this.#sessions.set(session.id, session);
    this.#current = session;
    this.#dispatch('READY', {
      v: 10,
      user: FAKE_BOT_USER,
      guilds: [],
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: d['shard'] ?? [0, 1],
      application: { id: FAKE_IDS.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      session_type: 'normal',
      auth: {},
      user_settings: {},
    });
    this.#readyCount += 1;
    this.#listeners.notify();
  }

  #resume(ws: WebSocket, d: Json): void {
    const session = this.#sessions.get(String(d['session_id']));
    const seq = Number(d['seq']);
    const accepted = session !== undefined && this.#tokenOk(d['token']);
    this.resumes.push({ sessionId: String(d['session_id']), seq, accepted });
    if (!session || !accepted) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      this.#listeners.notify();
      return;
    }
    session.socket = ws;
    this.#current = session;
    for (const event of session.history) if (event.s > seq) ws.send(JSON.stringify(event));
    this.#dispatch('RESUMED', null);
    this.#listeners.notify();
  }

  // Events sent while the client is reconnecting stay in the history and are replayed on RESUME.
  #dispatch(t: string, d: unknown): void {
    const session = this.#current;
    if (!session) return;
    session.seq += 1;
    const event = { op: 0 as const, t, s: session.seq, d };
    session.history.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(event));
  }

  // ------------------------------------------------------------------- REST

  async #handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const parsed = parseBody(req.headers['content-type'] ?? '', raw);
    if (!parsed) {
      send(res, new HttpReply(400, { message: 'The request body contains invalid JSON.', code: 50109 }));
      return;
    }
    const { json, rawBody, files } = parsed;
    // discord.js percent-encodes `@original` as `%40original`.
    const pathname = safeDecode(url.pathname);
    const match = /^\/api\/v\d+(\/.*)$/.exec(pathname);
    const path = match?.[1] ?? pathname;
    const method = req.method ?? 'GET';
    // The CDN: no token needed (as on Discord), not an API route.
    if (FILE_PATH.test(pathname)) {
      this.files.serve(req, res, pathname);
      this.#listeners.notify();
      return;
    }
    const fault = this.#faults.find((f) => f.left > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.left--;
      this.faulted.push({ kind: fault.kind, method, path });
      this.#listeners.notify();
      if (fault.kind === 'hang') return; // never answered: the client gives up on its own
      if (fault.kind === '429') {
        const body = JSON.stringify({ message: 'You are being rate limited.', retry_after: 0.2, global: false });
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1', 'X-RateLimit-Scope': 'user', 'X-RateLimit-Reset-After': '0.2' }).end(body);
      } else {
        send(res, new HttpReply(500, { message: '500: Internal Server Error', code: 0 }));
      }
      return;
    }
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization ?? null,
      body: rawBody,
      files,
      status: 0,
    };
    this.requests.push(record);
    const ctx: RequestContext = { req, res, method, path, query: url.searchParams, json, rawBody, files, record };
    // Every body checked against Discord's own API description (openapi.ts).
    for (const problem of openApiProblems(method, path, rawBody)) this.#violation(`${method} ${path.replace(/\d{15,}|[\w-]{60,}/g, ':id')}`, `OpenAPI: ${problem}`);
    const reply = this.#route(ctx);
    record.status = reply.status;
    send(res, reply);
    this.#listeners.notify();
  }

  #route(ctx: RequestContext): HttpReply {
    const { method, path } = ctx;
    let m: RegExpExecArray | null;
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      return this.#callback(ctx, m[1]!, m[2]!);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path)) && method === 'POST') {
      return this.#followUp(ctx, m[1]!, m[2]!);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
      return this.#webhookMessage(ctx, m[1]!, m[2]!, m[3]!);
    }
    if (path === '/gateway' && method === 'GET') return new HttpReply(200, { url: this.gatewayUrl });
    const authFailure = this.#checkAuth(ctx);
    if (authFailure) return authFailure;
    if (path === '/gateway/bot' && method === 'GET') {
      return new HttpReply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (path === '/users/@me' && method === 'GET') return new HttpReply(200, FAKE_BOT_USER);
    if (path === '/applications/@me' && method === 'GET') return new HttpReply(200, this.#application());
    if ((m = /^\/applications\/(\d+)\/commands$/.exec(path))) {
      if (method === 'PUT') return this.#registerCommands(ctx, 'global', m[1]!);
      if (method === 'GET') return new HttpReply(200, this.#globalCommands);
    }
    if ((m = /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/.exec(path))) {
      if (method === 'PUT') return this.#registerCommands(ctx, 'guild', m[1]!, m[2]!);
      if (method === 'GET') return new HttpReply(200, this.#guildCommands.get(m[2]!) ?? []);
    }
    this.unknownRoutes.push(ctx.record);
    return new HttpReply(404, { message: 'Unknown route', code: 0 });
  }

  #checkAuth(ctx: RequestContext): HttpReply | null {
    const header = ctx.req.headers.authorization ?? '';
    const m = /^Bot (.+)$/.exec(header);
    if (m) this.restTokens.add(m[1]!);
    return m && this.#tokenOk(m[1]) ? null : UNAUTHORIZED;
  }

  #application(): Json {
    return {
      id: FAKE_IDS.applicationId,
      name: 'netlab',
      icon: null,
      description: '',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      bot: FAKE_BOT_USER,
    };
  }

  #callback(ctx: RequestContext, id: string, token: string): HttpReply {
    const route = 'POST /interactions/:id/:token/callback';
    const record = this.interactions.get(id);
    if (!record || record.token !== token) {
      this.#violation(route, `callback for unknown interaction ${id}`);
      return UNKNOWN_INTERACTION;
    }
    const type = Number(ctx.json['type']);
    const data = ctx.json['data'] as Json | undefined;
    const entry: CallbackRecord = { type, data, files: ctx.files, atMs: record.elapsedMs(), status: 0 };
    record.callbacks.push(entry);
    const reply = this.#acceptCallback(ctx, record, entry, route);
    entry.status = reply.status;
    record.changed();
    return reply;
  }

  #acceptCallback(ctx: RequestContext, record: InteractionRecord, entry: CallbackRecord, route: string): HttpReply {
    if (record.acknowledged) {
      this.#violation(route, `second callback (type ${entry.type}) for an interaction already acknowledged`, record);
      return ALREADY_ACKNOWLEDGED;
    }
    if (entry.atMs > this.#options.ackDeadlineMs) {
      this.#violation(route, `callback type ${entry.type} arrived ${entry.atMs.toFixed(0)} ms after dispatch; the token had expired`, record);
      return UNKNOWN_INTERACTION;
    }
    if (!(ALLOWED_CALLBACKS[record.payload.type] ?? []).includes(entry.type)) {
      const detail = `callback type ${entry.type} is not valid for interaction type ${record.payload.type}`;
      this.#violation(route, detail, record);
      return invalidForm(detail);
    }
    const problems = findMessageProblems(ctx.json, { files: ctx.files, partial: entry.type === 7 });
    const message = this.#messageAfterCallback(record, entry);
    if (entry.type === 7 && message && isEmptyMessage(message as unknown as Json)) {
      problems.push({ path: 'data', message: 'update leaves the message empty', rejectedByDiscord: true });
    }
    const rejection = this.#report(route, problems, record);
    if (rejection) return rejection;
    record.acknowledged = true;
    record.original = message;
    if (ctx.query.get('with_response') !== 'true') return new HttpReply(204);
    return new HttpReply(200, {
      interaction: {
        id: record.id,
        type: record.payload.type,
        response_message_id: message?.id,
        response_message_loading: entry.type === 5,
        response_message_ephemeral: Boolean((message?.flags ?? 0) & EPHEMERAL),
      },
      resource: { type: entry.type, ...(message ? { message } : {}) },
    });
  }

  #messageAfterCallback(record: InteractionRecord, entry: CallbackRecord): APIMessage | null {
    const data = entry.data ?? {};
    const flags = typeof data['flags'] === 'number' ? data['flags'] : 0;
    const channelId = record.payload.channel?.id;
    switch (entry.type) {
      case 4:
        return this.#applyWrite(botMessage({ channelId, flags: flags & EPHEMERAL }), data, entry.files, false);
      case 5:
        return botMessage({ channelId, flags: (flags & EPHEMERAL) | LOADING });
      case 6:
        return record.payload.message ?? null;
      case 7:
        return record.payload.message ? this.#applyWrite(record.payload.message, data, entry.files) : null;
      default:
        return null;
    }
  }

  #followUp(ctx: RequestContext, appId: string, token: string): HttpReply {
    const route = 'POST /webhooks/:appId/:token';
    const record = this.#recordForWebhook(appId, token);
    if (!record) return UNKNOWN_WEBHOOK;
    const write: MessageWrite = { messageId: '', body: ctx.json, files: ctx.files, atMs: record.elapsedMs(), status: 0, message: null };
    record.followUps.push(write);
    const reply = this.#acceptFollowUp(ctx, record, write, route);
    write.status = reply.status;
    record.changed();
    return reply;
  }

  #acceptFollowUp(ctx: RequestContext, record: InteractionRecord, write: MessageWrite, route: string): HttpReply {
    if (!record.acknowledged) {
      this.#violation(route, 'follow-up sent before the interaction was acknowledged', record);
      return UNKNOWN_WEBHOOK;
    }
    const rejection = this.#report(route, findMessageProblems(ctx.json, { files: ctx.files }), record);
    if (rejection) return rejection;
    const flags = typeof ctx.json['flags'] === 'number' ? ctx.json['flags'] & EPHEMERAL : 0;
    const base = botMessage({ channelId: record.payload.channel?.id, flags, type: 0 });
    const message = this.#applyWrite(base, ctx.json, ctx.files, false);
    write.messageId = message.id;
    write.message = message;
    record.followUpMessages.set(message.id, message);
    return ctx.query.get('wait') === 'false' ? new HttpReply(204) : new HttpReply(200, message);
  }

  #webhookMessage(ctx: RequestContext, appId: string, token: string, messageId: string): HttpReply {
    const route = `${ctx.method} /webhooks/:appId/:token/messages/${messageId === '@original' ? '@original' : ':messageId'}`;
    const record = this.#recordForWebhook(appId, token);
    if (!record) return UNKNOWN_WEBHOOK;
    const isOriginal = messageId === '@original' || messageId === record.original?.id;
    const current = isOriginal ? record.original : record.followUpMessages.get(messageId) ?? null;
    if (ctx.method === 'GET') return current ? new HttpReply(200, current) : UNKNOWN_MESSAGE;
    if (ctx.method === 'DELETE') {
      if (!current) return UNKNOWN_MESSAGE;
      if (isOriginal) record.original = null;
      else record.followUpMessages.delete(messageId);
      record.deletes.push({ messageId, atMs: record.elapsedMs() });
      record.changed();
      return new HttpReply(204);
    }
    if (ctx.method !== 'PATCH') return new HttpReply(405, { message: '405: Method Not Allowed', code: 0 });
    const write: MessageWrite = { messageId, body: ctx.json, files: ctx.files, atMs: record.elapsedMs(), status: 0, message: null };
    record.edits.push(write);
    const reply = this.#acceptEdit(ctx, record, write, route, current, isOriginal);
    write.status = reply.status;
    record.changed();
    return reply;
  }

  #acceptEdit(
    ctx: RequestContext,
    record: InteractionRecord,
    write: MessageWrite,
    route: string,
    current: APIMessage | null,
    isOriginal: boolean,
  ): HttpReply {
    if (!current) {
      this.#violation(route, `edit of ${write.messageId}, which does not exist (not yet sent, or deleted)`, record);
      return UNKNOWN_MESSAGE;
    }
    const problems = findMessageProblems(ctx.json, { files: ctx.files, partial: true });
    const message = this.#applyWrite(current, ctx.json, ctx.files);
    if (isEmptyMessage(message as unknown as Json)) {
      problems.push({ path: '(message)', message: 'edit leaves the message empty', rejectedByDiscord: true });
    }
    const rejection = this.#report(route, problems, record);
    if (rejection) return rejection;
    if (isOriginal) record.original = message;
    else record.followUpMessages.set(message.id, message);
    write.message = message;
    return new HttpReply(200, message);
  }

  #recordForWebhook(appId: string, token: string): InteractionRecord | undefined {
    if (appId !== FAKE_IDS.applicationId) return undefined;
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }

  /** The message after a create/edit body is applied: fields present replace, files become attachments. */
  #applyWrite(base: APIMessage, body: Json, files: UploadedFile[], isEdit = true): APIMessage {
    const next: APIMessage = { ...base, edited_timestamp: isEdit ? new Date().toISOString() : null };
    if (typeof body['content'] === 'string' || body['content'] === null) next.content = (body['content'] as string | null) ?? '';
    if (Array.isArray(body['embeds'])) next.embeds = body['embeds'] as APIMessage['embeds'];
    if (Array.isArray(body['components'])) next.components = body['components'] as APIMessage['components'];
    if (typeof body['flags'] === 'number') next.flags = ((base.flags ?? 0) & EPHEMERAL) | (body['flags'] & ~EPHEMERAL);
    next.flags = (next.flags ?? 0) & ~LOADING;
    next.attachments = this.#attachments(base, body['attachments'], files);
    return next;
  }

  #attachments(base: APIMessage, requested: unknown, files: UploadedFile[]): APIMessage['attachments'] {
    const upload = (file: UploadedFile, extra: Json = {}) => {
      const id = snowflake();
      const url = `http://${this.#host}:${this.#port}/attachments/${base.channel_id}/${id}/${encodeURIComponent(file.name)}`;
      this.files.put(`/attachments/${base.channel_id}/${id}/${file.name}`, file.data, file.contentType);
      return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType, ...extra };
    };
    if (!Array.isArray(requested)) return [...base.attachments, ...files.map((f) => upload(f))];
    return requested.flatMap((raw: Json) => {
      const kept = base.attachments.find((a) => a.id === String(raw['id']));
      if (kept) return [kept];
      const file = files.find((f) => f.field === `files[${String(raw['id'])}]`);
      return file ? [upload(file, raw['description'] ? { description: raw['description'] } : {})] : [];
    });
  }

  #registerCommands(ctx: RequestContext, scope: 'global' | 'guild', applicationId: string, guildId?: string): HttpReply {
    const route = scope === 'global' ? 'PUT /applications/:appId/commands' : 'PUT /applications/:appId/guilds/:guildId/commands';
    const problems = findCommandProblems(ctx.rawBody);
    const registration: CommandRegistration = {
      route, scope, applicationId, ...(guildId ? { guildId } : {}),
      body: ctx.rawBody,
      // Discord's own limits, and what its OpenAPI description says of the same body.
      violations: [...problems.map((p) => `${p.path}: ${p.message}`), ...openApiProblems(ctx.method, ctx.path, ctx.rawBody).map((p) => `OpenAPI: ${p}`)],
      status: 0,
    };
    this.commandRegistrations.push(registration);
    const reply = this.#report(route, problems) ?? this.#storeCommands(ctx.rawBody as Json[], applicationId, guildId);
    registration.status = reply.status;
    return reply;
  }

  #storeCommands(body: Json[], applicationId: string, guildId?: string): HttpReply {
    const commands = body.map((cmd) => ({
      id: snowflake(),
      application_id: applicationId,
      version: snowflake(),
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      ...(guildId ? { guild_id: guildId } : {}),
      ...cmd,
    }));
    if (guildId) this.#guildCommands.set(guildId, commands);
    else this.#globalCommands.splice(0, this.#globalCommands.length, ...commands);
    return new HttpReply(200, commands);
  }

  /** Records problems as violations; returns Discord's 400 when Discord itself would refuse them. */
  #report(route: string, problems: LimitProblem[], record?: InteractionRecord): HttpReply | null {
    for (const p of problems) this.#violation(route, `${p.path}: ${p.message}`, record);
    const refused = problems.filter((p) => p.rejectedByDiscord);
    if (!this.#options.rejectInvalid || refused.length === 0) return null;
    return invalidForm(refused.map((p) => `${p.path}: ${p.message}`).join('; '));
  }

  #violation(route: string, detail: string, record?: InteractionRecord): void {
    const violation: Violation = { route, detail, ...(record ? { interactionId: record.id } : {}) };
    this.violations.push(violation);
    record?.violations.push(violation);
    record?.changed();
    this.#listeners.notify();
  }

  #after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }

  #internalError(error: unknown, res: ServerResponse): void {
    this.errors.push(error instanceof Error ? error : new Error(String(error)));
    if (!res.headersSent) send(res, new HttpReply(500, { message: '500: Internal Server Error (fake)', code: 0 }));
  }
}

function closeGently(ws: WebSocket, code: number, reason: string): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), 1000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    else ws.terminate();
  });
}

function invalidForm(detail: string): HttpReply {
  return new HttpReply(400, { message: 'Invalid Form Body', code: 50035, errors: { _errors: [{ code: 'BASE_TYPE_INVALID', message: detail }] } });
}

function send(res: ServerResponse, reply: HttpReply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface ParsedBody {
  json: Json;
  rawBody: unknown;
  files: UploadedFile[];
}

/** JSON or multipart (`payload_json` plus `files[n]`); null when the JSON does not parse. */
function parseBody(contentType: string, raw: Buffer): ParsedBody | null {
  try {
    return parseBodyOrThrow(contentType, raw);
  } catch {
    return null;
  }
}

function parseBodyOrThrow(contentType: string, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { json: {}, rawBody: undefined, files: [] };
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (/^multipart\/form-data/i.test(contentType) && boundary) {
    const parts = parseMultipart(raw, boundary[1] ?? boundary[2]!);
    const payload = parts.find((p) => p.name === 'payload_json');
    const rawBody: unknown = payload ? JSON.parse(payload.data.toString('utf8')) : {};
    const files = parts
      .filter((p) => p.filename !== undefined)
      .map((p) => ({ field: p.name, name: p.filename!, contentType: p.contentType, size: p.data.length, data: p.data }));
    return { json: asJson(rawBody), rawBody, files };
  }
  const rawBody: unknown = JSON.parse(raw.toString('utf8'));
  return { json: asJson(rawBody), rawBody, files: [] };
}

const asJson = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** Just enough multipart/form-data to read what undici's FormData sends. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    if (body.subarray(from, from + 2).toString() === '\r\n') from += 2;
    const end = body.indexOf(Buffer.from(`\r\n--${boundary}`), from);
    if (end === -1) break;
    const part = body.subarray(from, end);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
    parts.push({ name, ...(filename !== undefined ? { filename: safeDecode(filename) } : {}), contentType, data: part.subarray(split + 4) });
    start = end + 2;
  }
  return parts;
}

// undici percent-encodes quotes and line breaks in file names.
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
