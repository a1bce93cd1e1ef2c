/** The composition root: configuration, logger, library and sandbox, built once for any entry point. */
import { loadConfig, type Config } from './config.ts';
import { Library } from './content/library.ts';
import { createSandbox, type Sandbox } from './docker/index.ts';
import { createLogger, type Logger } from './log.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly library: Library;
  readonly sandbox: Sandbox;
}

export function createApp(options: { env?: Readonly<Record<string, string | undefined>>; logLevel?: string } = {}): App {
  const config = loadConfig(options.env);
  const logger = createLogger(options.logLevel ?? config.logLevel);
  const library = Library.load();
  const sandbox = createSandbox({ config: config.sandbox, dockerHost: config.docker.host, logger });
  return { config, logger, library, sandbox };
}
