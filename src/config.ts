/**
 * The only reader of process.env. Every setting is written once, below: where it sits in the
 * config, the variable it comes from and its schema (type, range, default). `loadConfig(env)`
 * parses them all at once into a typed, frozen object; a bad setting throws a ConfigError naming
 * every bad key (and never echoing the token).
 */
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { SNOWFLAKE } from './limits.ts';

interface Setting<S extends z.ZodType = z.ZodType> {
  readonly env: string;
  readonly schema: S;
}
interface SettingsTree {
  readonly [key: string]: Setting | SettingsTree;
}

const setting = <S extends z.ZodType>(env: string, schema: S): Setting<S> => ({ env, schema });

const int = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const num = (min: number, max: number) => {
  const error = `expected a number from ${min} to ${max}`;
  return z.coerce.number({ error }).min(min, { error }).max(max, { error });
};
const bool = () => z.stringbool({ error: 'expected true or false' });
const snowflake = z.string().regex(SNOWFLAKE, { error: 'expected a Discord id (17–20 digits)' });
// A bot token is three dot-separated base64url parts; the message never echoes it back.
const botToken = z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, { error: 'does not look like a bot token (three dot-separated parts)' });
const DOCKER_HOST_SHAPE = /^(unix:\/\/\/.+|tcp:\/\/[^:/\s]+:\d+\/?|npipe:\/\/.+)$/;
const dockerHost = z.string().regex(DOCKER_HOST_SHAPE, { error: 'expected unix:///path or tcp://host:port' });
// The Docker CLI turns verification on for any non-empty value, even "0"; refuse the values that
// look like "off" rather than silently disagree with the CLI.
const tlsVerify = z
  .string()
  .refine((v) => !/^(0|false|no|off)$/i.test(v), { error: 'the Docker CLI treats any value, even 0, as on: leave it empty (or unset) to turn TLS off' })
  .transform(() => true);
// "auto" (Discord's recommendation at login) or a fixed number of shards.
const shards = z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1_000)], { error: 'expected auto or a whole number from 1 to 1000' });

/** One entry of SANDBOX_ENGINES: `<endpoint>` or `<endpoint> <TLS directory>`. */
export interface EngineEntry {
  readonly host: string;
  readonly certPath?: string;
}
// Comma-separated entries; each is a DOCKER_HOST-style endpoint, optionally followed by a space
// and the directory holding that engine's ca.pem, cert.pem and key.pem.
const engineList = z.string().transform((value, ctx): EngineEntry[] => {
  const entries: EngineEntry[] = [];
  for (const raw of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [host = '', certPath, ...extra] = raw.split(/\s+/);
    if (!DOCKER_HOST_SHAPE.test(host) || extra.length > 0) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not "<unix:///path or tcp://host:port> [<TLS directory>]"` });
    } else if (certPath !== undefined && !host.startsWith('tcp://')) {
      ctx.addIssue({ code: 'custom', message: `"${raw}": a TLS directory applies to tcp:// engines only` });
    } else if (entries.some((e) => e.host === host)) {
      ctx.addIssue({ code: 'custom', message: `${host} is listed twice` });
    } else {
      entries.push(certPath ? { host, certPath } : { host });
    }
  }
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'expected at least one engine' });
  return entries;
});

const SETTINGS = {
  discord: {
    token: setting('DISCORD_TOKEN', botToken.optional()),
    applicationId: setting('DISCORD_APPLICATION_ID', snowflake.optional()),
    guildId: setting('DISCORD_GUILD_ID', snowflake.optional()),
    apiBase: setting('DISCORD_API_BASE', z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional()),
    connectTimeoutMs: setting('DISCORD_CONNECT_TIMEOUT_MS', int(1_000, 120_000).default(15_000)),
    /** How fast one member may send commands and press buttons: a burst, then one per interval. */
    commandBurst: setting('MEMBER_COMMAND_BURST', int(1, 1_000).default(8)),
    commandEveryMs: setting('MEMBER_COMMAND_EVERY_MS', int(0, 600_000).default(3_000)),
    shards: setting('DISCORD_SHARDS', shards.optional()),
  },
  docker: {
    host: setting('DOCKER_HOST', dockerHost.optional()),
    tlsVerify: setting('DOCKER_TLS_VERIFY', tlsVerify.optional()),
    certPath: setting('DOCKER_CERT_PATH', z.string().optional()),
    engines: setting('SANDBOX_ENGINES', engineList.optional()),
    allowInsecureTcp: setting('SANDBOX_ALLOW_INSECURE_TCP', bool().default(false)),
  },
  sandbox: {
    image: setting('DEMO_IMAGE', z.string().regex(/^[a-z0-9][a-z0-9._\-/:@]{0,200}$/, { error: 'expected an image reference like netlab-demo:latest' }).default('netlab-demo:latest')),
    maxConcurrent: setting('SANDBOX_MAX_CONCURRENT', int(1, 32).default(4)),
    queueSize: setting('SANDBOX_QUEUE_SIZE', int(0, 256).default(16)),
    deadlineMs: setting('SANDBOX_DEADLINE_MS', int(1_000, 120_000).default(15_000)),
    userCooldownMs: setting('SANDBOX_USER_COOLDOWN_MS', int(0, 600_000).default(3_000)),
    shareWindowMs: setting('SANDBOX_SHARE_WINDOW_MS', int(0, 10_000).default(1_500)),
    guildMax: setting('SANDBOX_GUILD_MAX', int(0, 256).default(0)),
    channelMax: setting('SANDBOX_CHANNEL_MAX', int(0, 256).default(0)),
    outputCapBytes: setting('SANDBOX_OUTPUT_CAP_BYTES', int(1_024, 1_048_576).default(65_536)),
    memoryBytes: setting('SANDBOX_MEMORY_MB', int(8, 1_024).default(32).transform((mb) => mb * 1024 * 1024)),
    pidsLimit: setting('SANDBOX_PIDS', int(8, 1_024).default(32)),
    nanoCpus: setting('SANDBOX_CPUS', num(0.05, 4).default(0.25).transform((cpus) => Math.round(cpus * 1e9))),
    poolSize: setting('SANDBOX_POOL_SIZE', int(0, 16).default(4)),
    hostScenario: setting('SANDBOX_HOST_SCENARIO', bool().default(true)),
    redactHost: setting('SANDBOX_REDACT_HOST', bool().default(true)),
    initSwarm: setting('SANDBOX_INIT_SWARM', bool().default(false)),
    reapIntervalMs: setting('SANDBOX_REAP_INTERVAL_MS', int(1_000, 3_600_000).default(60_000)),
  },
  logFormat: setting('LOG_FORMAT', z.enum(['auto', 'pretty', 'json'], { error: 'expected auto, pretty or json' }).default('auto')),
  store: {
    // ':memory:' keeps nothing across restarts (tests, throwaway runs).
    path: setting('NETLAB_DB', z.string().trim().min(1, { error: 'expected a file path such as ./data/netlab.db' }).default('./data/netlab.db')),
  },
  // What a server gets until its organiser changes it with /settings.
  companion: {
    defaultLang: setting('NETLAB_DEFAULT_LANG', z.enum(['en', 'zh'], { error: 'expected en or zh' }).default('en')),
    quiz: setting('NETLAB_QUIZ', bool().default(true)),
    leaderboard: setting('NETLAB_LEADERBOARD', bool().default(true)),
    quizTimeoutSec: setting('NETLAB_QUIZ_TIMEOUT_SEC', int(15, 3_600).default(120)),
  },
  health: {
    host: setting('HEALTH_HOST', z.string().regex(/^[\w.:-]+$/, { error: 'expected an address such as 127.0.0.1 or 0.0.0.0' }).default('127.0.0.1')),
    port: setting('HEALTH_PORT', int(0, 65_535).default(9464)),
  },
  logLevel: setting('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected fatal, error, warn, info, debug, trace or silent' }).default('info')),
} as const satisfies SettingsTree;

type ConfigOf<T> = { readonly [K in keyof T]: T[K] extends Setting<infer S> ? z.output<S> : ConfigOf<T[K]> };

export type Config = ConfigOf<typeof SETTINGS>;
export type SandboxConfig = Config['sandbox'];
export type CompanionConfig = Config['companion'];
export type DockerConfig = Config['docker'];

const isSetting = (node: Setting | SettingsTree): node is Setting => typeof node.env === 'string' && 'schema' in node;

function leaves(tree: SettingsTree): Setting[] {
  return Object.values(tree).flatMap((node) => (isSetting(node) ? [node] : leaves(node)));
}

/** Every variable netlab reads, for `.env.example` and its test. */
export const SETTING_NAMES: readonly string[] = leaves(SETTINGS).map((s) => s.env);

function build(tree: SettingsTree, values: Readonly<Record<string, unknown>>): unknown {
  return Object.freeze(Object.fromEntries(Object.entries(tree).map(([key, node]) => [key, isSetting(node) ? values[node.env] : build(node, values)])));
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const all = leaves(SETTINGS);
  const schema = z.object(Object.fromEntries(all.map((s) => [s.env, s.schema])));
  // An empty variable (`FOO=` in .env) means "not set".
  const input = Object.fromEntries(all.map((s) => [s.env, env[s.env]?.trim() || undefined]));
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError([...new Set(result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`))]);
  }
  const config = build(SETTINGS, result.data) as Config;
  if (config.discord.token && !config.discord.applicationId) {
    throw new ConfigError(['DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (Developer Portal → General Information → Application ID)']);
  }
  return config;
}
