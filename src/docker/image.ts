/**
 * The demo image at start-up: use it if the engine has it, else try to pull it, else report
 * how to build it (`npm run demo-image`). Never throws for a missing image — the status says so
 * and demos answer with DemoImageMissingError until it exists.
 */
import type { Logger } from '../log.ts';
import type { Engine } from './engine/engine.ts';
import { DemoImageMissingError, isEngineUnavailable } from './errors.ts';

export type ImageStatus =
  | { readonly image: string; readonly present: true; readonly source: 'local' | 'pulled' }
  | { readonly image: string; readonly present: false; readonly error: DemoImageMissingError };

export interface EnsureImageOptions {
  readonly pullTimeoutMs?: number;
  readonly logger: Logger;
}

/** Rejects only when the engine itself is unavailable. */
export async function ensureDemoImage(engine: Engine, image: string, options: EnsureImageOptions): Promise<ImageStatus> {
  if (await engine.imageExists(image)) return { image, present: true, source: 'local' };
  try {
    options.logger.info({ image }, 'demo image not found locally; trying to pull it');
    await engine.pullImage(image, { timeoutMs: options.pullTimeoutMs ?? 30_000 });
    if (await engine.imageExists(image)) return { image, present: true, source: 'pulled' };
    return { image, present: false, error: new DemoImageMissingError(image) };
  } catch (error) {
    if (isEngineUnavailable(error)) await engine.ping(); // a slow pull is "missing"; a dead engine rejects here
    options.logger.warn({ image, err: error }, 'demo image missing: run `npm run demo-image`');
    return { image, present: false, error: new DemoImageMissingError(image, { cause: error }) };
  }
}
