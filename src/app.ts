/** The composition root: configuration, logger, library and sandbox, built once for any entry point. */
import { loadConfig, type Config, type SandboxConfig } from './config.ts';
import { Library } from './content/library.ts';
import { createSandbox, type Sandbox } from './docker/sandbox.ts';
import { LogSink } from './log-sink.ts';
import { createLogger, type Logger } from './log.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  /** Where log lines go (stderr); the console attaches its prompt to it. */
  readonly logSink: LogSink;
  readonly library: Library;
  readonly sandbox: Sandbox;
}

export interface AppOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logLevel?: string;
  /** Sandbox settings that depend on how netlab runs (the local console has a single user). */
  readonly sandboxOverrides?: (config: Config) => Partial<SandboxConfig>;
}

export function createApp(options: AppOptions = {}): App {
  const config = loadConfig(options.env);
  const logSink = new LogSink(process.stderr);
  // Readable lines for a person at a terminal, JSON for a collector (LOG_FORMAT decides; auto: is stderr a terminal?).
  const format = config.logFormat === 'auto' ? (logSink.isTTY ? 'pretty' : 'json') : config.logFormat;
  const logger = createLogger(options.logLevel ?? config.logLevel, { destination: logSink, format });
  const library = Library.load();
  const sandboxConfig = { ...config.sandbox, ...options.sandboxOverrides?.(config) };
  const sandbox = createSandbox({ config: sandboxConfig, dockerHost: config.docker.host, logger });
  return { config, logger, logSink, library, sandbox };
}
