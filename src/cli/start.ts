/**
 * `npm start` with a token: checks the sandbox, connects to Discord and serves until SIGINT or
 * SIGTERM — or until Discord closes the gateway in a way that cannot be resumed — then shuts
 * down gracefully: stop taking interactions, let running ones finish (or cancel them), remove
 * every demo container, disconnect. Exit code 0 for a signal; non-zero, with one log line saying
 * why, when Discord ended it (so a supervisor restarts netlab or shows the reason).
 */
import type { App } from '../app.ts';
import { startBot } from '../discord/bot.ts';
import { sandboxLine } from './status.ts';

export async function startGateway(app: App): Promise<number> {
  const { logger, sandbox } = app;
  // Opened before connecting: a bad NETLAB_DB stops start-up with one clear line.
  const { store } = app;
  logger.info({ db: store.path, schemaVersion: store.schemaVersion }, 'database ready');
  const status = await sandbox.start();
  const line = sandboxLine(status, app.config);
  if (status.engine.ok) logger.info(line);
  else logger.warn(`${line} — /demo will explain; other commands work`);
  let bot;
  try {
    bot = await startBot(app);
  } catch (error) {
    await sandbox.shutdown();
    throw error;
  }
  const ending = await new Promise<{ signal: NodeJS.Signals } | { lost: Awaited<typeof bot.lost> }>((resolve) => {
    process.once('SIGINT', () => resolve({ signal: 'SIGINT' }));
    process.once('SIGTERM', () => resolve({ signal: 'SIGTERM' }));
    process.once('SIGHUP', () => resolve({ signal: 'SIGHUP' }));
    void bot.lost.then((lost) => resolve({ lost }));
  });
  if ('lost' in ending) logger.error({ code: ending.lost.code }, `${ending.lost.reason} Shutting down.`);
  else logger.info({ signal: ending.signal }, 'shutting down');
  // Running demos get a short grace period; then the sandbox cancels them and removes everything.
  await Promise.race([bot.dispatcher.drain(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  await sandbox.shutdown();
  await bot.stop(2_000);
  logger.info('stopped');
  return 'lost' in ending ? ending.lost.exitCode : 0;
}
