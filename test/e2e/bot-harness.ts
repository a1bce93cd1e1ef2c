/**
 * Starts netlab's real bot (startBot: discord.js client, dispatcher, reply helper) against the
 * local fake Discord, with the real library and a sandbox on the real Docker Engine.
 */
import type { APIInteraction, APIMessage } from 'discord.js';
import { loadConfig, type Config } from '../../src/config.ts';
import { Library } from '../../src/content/library.ts';
import { startBot, type Bot } from '../../src/discord/bot.ts';
import { engineEndpoints } from '../../src/docker/engine/endpoints.ts';
import { createSandboxSet, type SandboxSet } from '../../src/docker/engines.ts';
import { silentLogger, type Logger } from '../../src/log.ts';
import { companionDefaults, Store } from '../../src/store/store.ts';
import { FAKE_TOKEN, FakeDiscord, type InteractionRecord } from './fake-discord.ts';

const library = Library.load();

export interface BotHarness {
  readonly fake: FakeDiscord;
  readonly bot: Bot;
  readonly sandbox: SandboxSet;
  readonly config: Config;
  readonly store: Store;
  send(payload: APIInteraction): InteractionRecord;
  stop(): Promise<void>;
}

/**
 * `env` may set NETLAB_DB to a file, so that a second harness finds what the first one stored;
 * `now` is the store's clock, which a test can move (a quiz timeout) while discord.js keeps real time.
 */
export async function startBotHarness(options: { env?: Record<string, string>; logger?: Logger; now?: () => number } = {}): Promise<BotHarness> {
  const fake = new FakeDiscord({ token: FAKE_TOKEN });
  await fake.start();
  const config = loadConfig({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    SANDBOX_USER_COOLDOWN_MS: '0',
    SANDBOX_POOL_SIZE: '0',
    // One test member sends many commands in a row; pace.test.ts checks the real pace.
    MEMBER_COMMAND_EVERY_MS: '0',
    ...options.env,
  });
  const logger = options.logger ?? silentLogger();
  const sandbox = createSandboxSet({ config: config.sandbox, endpoints: engineEndpoints(config.docker), logger });
  const store = Store.open({ path: options.env?.['NETLAB_DB'] ?? ':memory:', defaults: companionDefaults(config.companion), quizTimeoutMs: config.companion.quizTimeoutSec * 1000, ...(options.now ? { now: options.now } : {}) });
  const bot = await startBot({ config, library, sandbox, store, logger });
  return {
    fake,
    bot,
    sandbox,
    config,
    store,
    send: (payload) => fake.sendInteraction(payload),
    async stop() {
      await sandbox.shutdown();
      await bot.stop(2_000);
      store.close();
      await fake.stop();
    },
  };
}

/** The answer as the member finally sees it: the reply (or the edited deferred reply) with its embeds. */
export async function finalAnswer(record: InteractionRecord, timeoutMs = 5_000): Promise<APIMessage> {
  const done = await record.waitForFinal((r) => (r.original?.embeds?.length ?? 0) > 0 && ((r.original?.flags ?? 0) & 128) === 0 && !isQueued(r.original!), timeoutMs);
  return done.original!;
}

function isQueued(message: APIMessage): boolean {
  return /Waiting in line|排队中/.test(message.embeds[0]?.title ?? '');
}

export function embedText(message: APIMessage): string {
  return message.embeds.map((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`), e.footer?.text].filter(Boolean).join('\n')).join('\n');
}

/** The custom ids of a message's buttons, in order. */
export function customIds(message: APIMessage): string[] {
  return [...JSON.stringify(message.components ?? []).matchAll(/"custom_id":"([^"]+)"/g)].map((m) => m[1]!);
}
