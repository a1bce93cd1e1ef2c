/**
 * The only reader of process.env. `loadConfig(env)` parses every setting once, with one schema,
 * into a typed frozen object; a bad setting throws a ConfigError naming every bad key (and never
 * echoing the token).
 */
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const num = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const snowflake = z
  .string()
  .regex(/^\d{17,20}$/, { message: 'expected a Discord id (17–20 digits)' })
  .optional();

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
  DISCORD_TOKEN: optionalString.pipe(
    z
      .string()
      // A bot token is three dot-separated base64url parts; never echo it back.
      .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, { message: 'does not look like a bot token (three dot-separated parts)' })
      .optional(),
  ),
  DISCORD_APPLICATION_ID: optionalString.pipe(snowflake),
  DISCORD_GUILD_ID: optionalString.pipe(snowflake),
  DISCORD_API_BASE: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional()),
  DOCKER_HOST: optionalString.pipe(
    z
      .string()
      .regex(/^(unix:\/\/\/.+|tcp:\/\/[^:/]+:\d+\/?|npipe:\/\/.+)$/, { message: 'expected unix:///path or tcp://host:port' })
      .optional(),
  ),
  DEMO_IMAGE: optionalString.transform((v) => v ?? 'netlab-demo:latest').pipe(
    z.string().regex(/^[a-z0-9][a-z0-9._\-/:@]{0,200}$/, { message: 'expected an image reference like netlab-demo:latest' }),
  ),
  SANDBOX_MAX_CONCURRENT: int(4, 1, 32),
  SANDBOX_QUEUE_SIZE: int(16, 0, 256),
  SANDBOX_DEADLINE_MS: int(15_000, 1_000, 120_000),
  SANDBOX_USER_COOLDOWN_MS: int(3_000, 0, 600_000),
  SANDBOX_OUTPUT_CAP_BYTES: int(65_536, 1_024, 1_048_576),
  SANDBOX_MEMORY_MB: int(32, 8, 1_024),
  SANDBOX_PIDS: int(32, 8, 1_024),
  SANDBOX_CPUS: num(0.25, 0.05, 4),
  SANDBOX_POOL_SIZE: int(4, 0, 16),
  SANDBOX_HOST_SCENARIO: bool(true),
  SANDBOX_REDACT_HOST: bool(true),
  SANDBOX_INIT_SWARM: bool(false),
  SANDBOX_REAP_INTERVAL_MS: int(60_000, 1_000, 3_600_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().transform((v) => v ?? 'info'),
});

type Parsed = z.infer<typeof schema>;

export interface Config {
  readonly discord: {
    readonly token: string | undefined;
    readonly applicationId: string | undefined;
    readonly guildId: string | undefined;
    readonly apiBase: string | undefined;
  };
  readonly docker: { readonly host: string | undefined };
  readonly sandbox: {
    readonly image: string;
    readonly maxConcurrent: number;
    readonly queueSize: number;
    readonly deadlineMs: number;
    readonly userCooldownMs: number;
    readonly outputCapBytes: number;
    readonly memoryBytes: number;
    readonly pidsLimit: number;
    readonly nanoCpus: number;
    readonly poolSize: number;
    readonly hostScenario: boolean;
    readonly redactHost: boolean;
    readonly initSwarm: boolean;
    readonly reapIntervalMs: number;
  };
  readonly logLevel: string;
}

export type SandboxConfig = Config['sandbox'];

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child);
  return Object.freeze(value);
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const result = schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k]])));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  const p: Parsed = result.data;
  const problems: string[] = [];
  if (p.DISCORD_TOKEN && !p.DISCORD_APPLICATION_ID) {
    problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (Developer Portal → General Information → Application ID)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze({
    discord: {
      token: p.DISCORD_TOKEN,
      applicationId: p.DISCORD_APPLICATION_ID,
      guildId: p.DISCORD_GUILD_ID,
      apiBase: p.DISCORD_API_BASE,
    },
    docker: { host: p.DOCKER_HOST },
    sandbox: {
      image: p.DEMO_IMAGE,
      maxConcurrent: p.SANDBOX_MAX_CONCURRENT,
      queueSize: p.SANDBOX_QUEUE_SIZE,
      deadlineMs: p.SANDBOX_DEADLINE_MS,
      userCooldownMs: p.SANDBOX_USER_COOLDOWN_MS,
      outputCapBytes: p.SANDBOX_OUTPUT_CAP_BYTES,
      memoryBytes: p.SANDBOX_MEMORY_MB * 1024 * 1024,
      pidsLimit: p.SANDBOX_PIDS,
      nanoCpus: Math.round(p.SANDBOX_CPUS * 1e9),
      poolSize: p.SANDBOX_POOL_SIZE,
      hostScenario: p.SANDBOX_HOST_SCENARIO,
      redactHost: p.SANDBOX_REDACT_HOST,
      initSwarm: p.SANDBOX_INIT_SWARM,
      reapIntervalMs: p.SANDBOX_REAP_INTERVAL_MS,
    },
    logLevel: p.LOG_LEVEL,
  });
}
