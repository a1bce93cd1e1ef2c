/**
 * `npm start` with a token: checks the sandbox, connects to Discord and serves until SIGINT or
 * SIGTERM, then shuts down gracefully: stop taking interactions, let running ones finish (or
 * cancel them), remove every demo container, disconnect, exit 0.
 */
import type { App } from '../app.ts';
import { startBot } from '../discord/bot.ts';

export async function startGateway(app: App): Promise<number> {
  const { logger, sandbox } = app;
  // Opened before connecting: a bad NETLAB_DB stops start-up with one clear line.
  const { store } = app;
  logger.info({ db: store.path, schemaVersion: store.schemaVersion }, 'database ready');
  const status = await sandbox.start();
  logger.info({ sandbox: status }, status.engine.ok ? 'sandbox ready' : 'sandbox unavailable: /demo will explain; other commands work');
  let bot;
  try {
    bot = await startBot(app);
  } catch (error) {
    await sandbox.shutdown();
    throw error;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal }, 'shutting down');
  // Running demos get a short grace period; then the sandbox cancels them and removes everything.
  await Promise.race([bot.dispatcher.drain(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  await sandbox.shutdown();
  await bot.stop(2_000);
  logger.info('stopped');
  return 0;
}
