/**
 * Structured logging (pino). On a terminal, lines are short and readable (pino-pretty, one line
 * each); otherwise, or with LOG_FORMAT=json, one JSON object per line for a log collector.
 * Secrets never reach a line: known secret keys are redacted by path, every string in a logged
 * object is scrubbed of token-shaped text however deep it sits, and so are messages and errors
 * (libraries quote request headers in their messages).
 */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const TOKEN_SHAPE = /[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_SHAPE, '[token]').replace(/(Bot|Bearer)\s+[\w.-]+/gi, '$1 [token]');
}

/** A logged value with every string in it scrubbed (objects, arrays, errors; cycles and depth bounded). */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const cause = value.cause === undefined ? {} : { cause: scrubValue(value.cause, depth + 1, seen) };
    return { type: value.name, message: scrubSecrets(value.message), stack: scrubSecrets(value.stack ?? ''), ...cause };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1, seen)]));
}

export type LogFormat = 'pretty' | 'json';

export interface LogOptions {
  /** Where lines go: stderr unless given. */
  readonly destination?: NodeJS.WritableStream;
  /** `pretty` for a person at a terminal, `json` for a collector. */
  readonly format?: LogFormat;
}

/** Readable lines for a terminal: time, level, message, then the fields that matter. */
function prettyStream(destination: NodeJS.WritableStream): NodeJS.WritableStream {
  return pretty({
    destination: destination as Writable,
    colorize: Boolean((destination as { isTTY?: boolean }).isTTY),
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    sync: true,
  });
}

export function createLogger(level: string, options: LogOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  return pino(
    {
      level,
      base: { app: 'netlab' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.discord.token'],
        censor: '[redacted]',
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        // Messages and errors passed as arguments: scrubbed like the fields.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a instanceof Error ? { err: scrubValue(a) } : a)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (error: unknown) => scrubValue(error) },
    },
    options.format === 'pretty' ? prettyStream(destination) : (destination as pino.DestinationStream),
  );
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
