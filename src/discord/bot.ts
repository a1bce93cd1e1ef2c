/**
 * Gateway mode: one discord.js client with only the Guilds intent (no privileged intents), every
 * interaction handed to the dispatcher. `DISCORD_API_BASE` points REST (and so the gateway URL
 * discovery) at a proxy or a local fake Discord.
 */
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';
import { COMMANDS } from '../commands/index.ts';
import type { Library } from '../content/library.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import { NetlabError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { Dispatcher } from './dispatcher.ts';

export interface Bot {
  readonly client: Client;
  readonly dispatcher: Dispatcher;
  /** Stops taking interactions, lets the ones in flight finish (up to `graceMs`), disconnects. */
  stop(graceMs?: number): Promise<void>;
}

export class DiscordLoginError extends NetlabError {}

export function clientOptions(config: Config): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.discord.apiBase ? { rest: { api: config.discord.apiBase } } : {}),
  };
}

export async function startBot(deps: { config: Config; library: Library; sandbox: Sandbox; store: Store; logger: Logger }): Promise<Bot> {
  const { config, logger } = deps;
  const token = config.discord.token;
  if (!token) throw new DiscordLoginError('DISCORD_TOKEN is not set');
  const client = new Client(clientOptions(config));
  const dispatcher = new Dispatcher({ commands: COMMANDS, library: deps.library, sandbox: deps.sandbox, store: deps.store, logger });
  client.on(Events.InteractionCreate, (interaction) => void dispatcher.handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    const status = (error as { status?: number; code?: string | number }).status;
    const code = (error as { code?: string | number }).code;
    const reason =
      code === 'TokenInvalid' || status === 401
        ? 'Discord rejected DISCORD_TOKEN (401). Copy a fresh token from the Developer Portal → Bot → Reset Token.'
        : `could not connect to Discord: ${(error as Error).message}`;
    throw new DiscordLoginError(reason, { cause: error });
  }
  await ready;
  logger.info({ user: client.user?.tag, applicationId: client.application?.id, commands: COMMANDS.size }, 'connected to Discord');
  return {
    client,
    dispatcher,
    async stop(graceMs = 10_000) {
      await Promise.race([dispatcher.drain(), new Promise((r) => setTimeout(r, graceMs).unref())]);
      await client.destroy();
    },
  };
}
