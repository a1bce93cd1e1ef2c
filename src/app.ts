/** The composition root: configuration, logger, library, sandbox engines, metrics and store, built once for any entry point. */
import './docker/dispose-polyfill.ts';
import { COMMANDS } from './commands/index.ts';
import { loadConfig, type Config, type SandboxConfig } from './config.ts';
import { Library } from './content/library.ts';
import { SCENARIO_NAMES } from './demos/registry.ts';
import { engineEndpoints } from './docker/engine/endpoints.ts';
import { createSandboxSet, type SandboxSet } from './docker/engines.ts';
import { LogSink } from './log-sink.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics, type NetlabMetrics } from './ops/metrics.ts';
import { companionDefaults, Store } from './store/store.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  /** Where log lines go (stderr); the console attaches its prompt to it. */
  readonly logSink: LogSink;
  readonly library: Library;
  readonly sandbox: SandboxSet;
  readonly metrics: NetlabMetrics;
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
  // Refuses a plain-TCP engine and unreadable TLS files here, before anything starts.
  const endpoints = engineEndpoints(config.docker);
  const metrics = createMetrics({ commands: [...COMMANDS.keys()], scenarios: SCENARIO_NAMES });
  const sandboxConfig = { ...config.sandbox, ...options.sandboxOverrides?.(config) };
  const sandbox = createSandboxSet({ config: sandboxConfig, endpoints, logger, observer: metrics.sandbox });
  metrics.watch(sandbox);
  let store: Store | undefined;
  return {
    config,
    logger,
    logSink,
    library,
    sandbox,
    metrics,
    get store() {
      store ??= Store.open({ path: config.store.path, defaults: companionDefaults(config.companion), quizTimeoutMs: config.companion.quizTimeoutSec * 1000, logger });
      return store;
    },
    [Symbol.dispose]() {
      store?.close();
    },
  };
}
