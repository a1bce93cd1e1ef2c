/** The composition root: configuration, logger, library, sandbox and store, built once for any entry point. */
import './docker/dispose-polyfill.ts';
import { loadConfig, type Config, type SandboxConfig } from './config.ts';
import { Library } from './content/library.ts';
import { createSandbox, type Sandbox } from './docker/sandbox.ts';
import { LogSink } from './log-sink.ts';
import { createLogger, type Logger } from './log.ts';
import { companionDefaults, Store } from './store/store.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  /** Where log lines go (stderr); the console attaches its prompt to it. */
  readonly logSink: LogSink;
  readonly library: Library;
  readonly sandbox: Sandbox;
  /** Opened on first use, so commands that keep nothing (`netlab topics`) never create the file. */
  readonly store: Store;
  /** Closes the store if it was opened (`using app = createApp()`). */
  [Symbol.dispose](): void;
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
  let store: Store | undefined;
  return {
    config,
    logger,
    logSink,
    library,
    sandbox,
    get store() {
      store ??= Store.open({ path: config.store.path, defaults: companionDefaults(config.companion), quizTimeoutMs: config.companion.quizTimeoutSec * 1000, logger });
      return store;
    },
    [Symbol.dispose]() {
      store?.close();
    },
  };
}
