/**
 * Structured logging (pino). Secrets never reach a log line: known secret keys are redacted by
 * path, and `scrubSecrets` masks anything shaped like a bot token in free text (error messages
 * from libraries may quote request headers).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const TOKEN_SHAPE = /[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_SHAPE, '[token]').replace(/(Bot|Bearer)\s+[\w.-]+/gi, '$1 [token]');
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'netlab' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.discord.token'],
        censor: '[redacted]',
      },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Scrub every string argument (messages and err.message/stack) of token-shaped text.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => {
              if (typeof a === 'string') return scrubSecrets(a);
              if (a instanceof Error) return { err: { type: a.name, message: scrubSecrets(a.message), stack: scrubSecrets(a.stack ?? '') } };
              if (a && typeof a === 'object' && 'err' in a && a.err instanceof Error) {
                const e = a.err;
                return { ...a, err: { type: e.name, message: scrubSecrets(e.message), stack: scrubSecrets(e.stack ?? '') } };
              }
              return a;
            }) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? pino.destination(2),
  );
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
