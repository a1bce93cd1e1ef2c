/**
 * Gateway mode: one discord.js client with only the Guilds intent (no privileged intents), every
 * interaction handed to the dispatcher. `DISCORD_API_BASE` points REST (and so the gateway URL
 * discovery) at a proxy or a local fake Discord. `DISCORD_SHARDS` uses discord.js's own sharding
 * inside this one process, so every shard shares the one sandbox (one pool per engine).
 *
 * Connecting has a deadline, and a failure names the address, the error and the next step. Once
 * connected, a gateway close that Discord does not let a client resume (the token reset, a
 * sharding or intents problem) is reported through `lost`, so the process can shut down
 * gracefully and exit non-zero for its supervisor to see, instead of running on deaf.
 */
import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Status, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';
import { COMMANDS } from '../commands/index.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import { NetlabError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { GatewayState } from '../ops/health.ts';
import type { Store } from '../store/store.ts';
import { Dispatcher, type InteractionEvent } from './dispatcher.ts';

/** How long login may take before netlab gives up and says why (DISCORD_CONNECT_TIMEOUT_MS). */
export const CONNECT_TIMEOUT_MS = 15_000;
const DEFAULT_API = 'https://discord.com/api';

export interface GatewayLoss {
  readonly code: number;
  /** One sentence for the organiser: what happened and what to do. */
  readonly reason: string;
  /** The process's exit code: 78 (configuration) for a token or intents problem, else 1. */
  readonly exitCode: number;
}

export interface Bot {
  readonly client: Client;
  readonly dispatcher: Dispatcher;
  /** Resolves if Discord closes the gateway in a way no client may resume. */
  readonly lost: Promise<GatewayLoss>;
  /** Connected when every shard is ready (for /healthz). */
  gateway(): GatewayState;
  /** Stops taking interactions, lets the ones in flight finish (up to `graceMs`), disconnects. */
  stop(graceMs?: number): Promise<void>;
}

export class DiscordLoginError extends NetlabError {}

export function clientOptions(config: Config): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.discord.apiBase ? { rest: { api: config.discord.apiBase } } : {}),
    ...shardOptions(config.discord.shards),
  };
}

/** What each close code that cannot be resumed means for an organiser. */
export function describeGatewayClose(code: number): GatewayLoss {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return { code, exitCode: 78, reason: 'Discord closed the gateway with 4004 (authentication failed): the token was reset or revoked. Copy a new one from the Developer Portal → Bot → Reset Token into DISCORD_TOKEN.' };
    case GatewayCloseCodes.DisallowedIntents:
      return { code, exitCode: 78, reason: 'Discord closed the gateway with 4014 (disallowed intents). netlab asks for no privileged intents; check that this is netlab’s token and application.' };
    case GatewayCloseCodes.InvalidIntents:
      return { code, exitCode: 78, reason: 'Discord closed the gateway with 4013 (invalid intents).' };
    case GatewayCloseCodes.ShardingRequired:
      return { code, exitCode: 1, reason: 'Discord closed the gateway with 4011 (sharding required): the bot is in too many servers for one connection.' };
    default:
      return { code, exitCode: 1, reason: `Discord closed the gateway with ${code} (${GatewayCloseCodes[code] ?? 'unknown'}), which cannot be resumed.` };
  }
}

/** The socket error code of a failed request (ENOTFOUND, ECONNREFUSED, …), however deep it sits. */
function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  }
  return undefined;
}

function loginFailure(error: unknown, apiBase: string): DiscordLoginError {
  const status = (error as { status?: number }).status;
  const code = (error as { code?: string | number }).code;
  if (code === 'TokenInvalid' || status === 401) {
    return new DiscordLoginError('Discord rejected DISCORD_TOKEN (401). Copy a fresh token from the Developer Portal → Bot → Reset Token.', { cause: error });
  }
  const socket = networkCode(error);
  const next =
    socket === 'ENOTFOUND' || socket === 'EAI_AGAIN'
      ? 'the name does not resolve: check DNS on this machine (and DISCORD_API_BASE if you set it)'
      : socket === 'ECONNREFUSED'
        ? 'nothing listens there: check DISCORD_API_BASE, or a proxy in between'
        : 'check this machine’s connection to Discord (firewall, proxy)';
  return new DiscordLoginError(`could not connect to Discord at ${apiBase}: ${socket ?? (error as Error).message ?? String(error)} — ${next}.`, { cause: error });
}


/** "auto": as many shards as Discord recommends at login; a number: exactly that many, all in this process. */
function shardOptions(shards: Config['discord']['shards']): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards === 'auto') return { shards: 'auto' };
  if (typeof shards === 'number') return { shards: Array.from({ length: shards }, (_, id) => id), shardCount: shards };
  return {};
}

function gatewayState(client: Client): GatewayState {
  const shards = [...client.ws.shards.values()].map((shard) => ({ id: shard.id, status: Status[shard.status] ?? String(shard.status), pingMs: shard.ping }));
  return { connected: client.isReady() && shards.length > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready), shards };
}

export interface BotDeps {
  readonly config: Config;
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly store: Store;
  readonly logger: Logger;
  readonly observe?: (event: InteractionEvent) => void;
}

export async function startBot(deps: BotDeps, options: { connectTimeoutMs?: number } = {}): Promise<Bot> {
  const { config, logger } = deps;
  const token = config.discord.token;
  if (!token) throw new DiscordLoginError('DISCORD_TOKEN is not set');
  const apiBase = config.discord.apiBase ?? DEFAULT_API;
  const client = new Client(clientOptions(config));
  const pace = { capacity: config.discord.commandBurst, refillMs: config.discord.commandEveryMs };
  const dispatcher = new Dispatcher({
    commands: COMMANDS,
    library: deps.library,
    sandbox: deps.sandbox,
    store: deps.store,
    logger,
    pace,
    apiBase: config.discord.apiBase,
    ...(deps.observe ? { observe: deps.observe } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void dispatcher.handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  const lost = new Promise<GatewayLoss>((resolve) => client.on(Events.ShardDisconnect, (event) => resolve(describeGatewayClose(event.code))));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const timeoutMs = options.connectTimeoutMs ?? config.discord.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  logger.info({ api: apiBase }, 'connecting to Discord…');
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DiscordLoginError(`could not connect to Discord at ${apiBase}: no answer within ${timeoutMs / 1000} s — check this machine’s connection to Discord (firewall, proxy) and DISCORD_API_BASE if you set it.`)), timeoutMs);
    });
    const loss = lost.then((l) => Promise.reject(new DiscordLoginError(l.reason)));
    await Promise.race([client.login(token).then(() => Promise.race([ready, loss])), deadline]);
  } catch (error) {
    await client.destroy();
    throw error instanceof DiscordLoginError ? error : loginFailure(error, apiBase);
  } finally {
    clearTimeout(timer);
  }
  logger.info({ user: client.user?.tag, applicationId: client.application?.id, commands: COMMANDS.size, shards: client.ws.shards.size }, 'connected to Discord');
  return {
    client,
    dispatcher,
    lost,
    gateway: () => gatewayState(client),
    async stop(graceMs = 10_000) {
      await Promise.race([dispatcher.drain(), new Promise((r) => setTimeout(r, graceMs).unref())]);
      await client.destroy();
    },
  };
}
