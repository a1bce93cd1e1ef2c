/**
 * `npm start` with a token: opens /healthz and /metrics, checks the sandbox engines, connects to
 * Discord and serves until SIGINT or SIGTERM — or until Discord closes the gateway in a way that
 * cannot be resumed — then shuts down gracefully: stop taking interactions, let running ones
 * finish (or cancel them), remove every demo container, disconnect. Exit code 0 for a signal;
 * non-zero, with one log line saying why, when Discord ended it (so a supervisor restarts netlab
 * or shows the reason).
 */
import type { App } from '../app.ts';
import { startBot, type Bot } from '../discord/bot.ts';
import { checkHealth } from '../ops/health.ts';
import { startOpsServer } from '../ops/server.ts';
import { sandboxLine } from './status.ts';

const NOT_CONNECTED = { connected: false, shards: [] } as const;

export async function startGateway(app: App): Promise<number> {
  const { config, logger, sandbox, metrics } = app;
  // Opened before connecting: a bad NETLAB_DB stops start-up with one clear line.
  const { store } = app;
  logger.info({ db: store.path, schemaVersion: store.schemaVersion }, 'database ready');
  let bot: Bot | undefined;
  let stopping = false;
  metrics.collectProcessMetrics();
  const ops = await startOpsServer({
    host: config.health.host,
    port: config.health.port,
    metrics,
    health: () => checkHealth({ gateway: () => bot?.gateway() ?? NOT_CONNECTED, sandbox, stopping: () => stopping }),
    logger,
  });
  logger.info({ url: ops.url }, `health and metrics at ${ops.url}/healthz and ${ops.url}/metrics`);
  const report = await sandbox.start();
  const several = report.engines.length > 1;
  for (const status of report.engines) {
    const line = sandboxLine(status, several);
    if (status.engine.ok && status.image.present === true) logger.info(line);
    else if (status.engine.ok) logger.warn(`${line} — /demo will explain; other commands work`);
    else logger.warn(`${line} — /demo says so to members and netlab keeps checking the engine in the background; other commands work`);
  }
  try {
    bot = await startBot({ ...app, observe: (event) => metrics.interactionDone(event) });
  } catch (error) {
    await sandbox.shutdown();
    await ops.close();
    throw error;
  }
  const ending = await new Promise<{ signal: NodeJS.Signals } | { lost: Awaited<typeof bot.lost> }>((resolve) => {
    process.once('SIGINT', () => resolve({ signal: 'SIGINT' }));
    process.once('SIGTERM', () => resolve({ signal: 'SIGTERM' }));
    process.once('SIGHUP', () => resolve({ signal: 'SIGHUP' }));
    void bot.lost.then((lost) => resolve({ lost }));
  });
  stopping = true;
  if ('lost' in ending) logger.error({ code: ending.lost.code }, `${ending.lost.reason} Shutting down.`);
  else logger.info({ signal: ending.signal }, 'shutting down');
  // Running demos get a short grace period; then the sandbox cancels them and removes everything.
  await Promise.race([bot.dispatcher.drain(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  await sandbox.shutdown();
  await bot.stop(2_000);
  await ops.close();
  logger.info('stopped');
  return 'lost' in ending ? ending.lost.exitCode : 0;
}
