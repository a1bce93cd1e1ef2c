/**
 * Crash safety: removes labelled containers and networks that no live run owns. By default only
 * expired ones (their label's expiry passed), which is safe even when several netlab processes
 * (the bot and a CLI) share one engine. `all: true` also removes unexpired ones whose run is not
 * alive in this process — for an operator who knows no other netlab process is running.
 */
import type { Logger } from '../log.ts';
import type { Engine } from './engine/engine.ts';
import { MANAGED_FILTER, readNetlabLabels } from './labels.ts';

export interface ReapOptions {
  readonly all?: boolean;
  /** Only these runs' resources, whatever their expiry (this process's own unclean runs at shutdown). */
  readonly runs?: ReadonlySet<string>;
}

export interface ReapReport {
  readonly containers: number;
  readonly networks: number;
}

export interface ReaperOptions {
  readonly engine: Engine;
  readonly logger: Logger;
  /** Runs of this process that still own their resources. */
  readonly isRunAlive: (runId: string) => boolean;
  readonly now?: () => number;
}

export class Reaper {
  private timer: NodeJS.Timeout | undefined;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReaperOptions) {}

  /** One pass; passes never overlap (the timer and a start-up reap may coincide). */
  reap(options: ReapOptions = {}): Promise<ReapReport> {
    const pass = this.last.catch(() => undefined).then(() => this.pass(options));
    this.last = pass;
    return pass;
  }

  /** Reaps every `intervalMs` without keeping the process alive. */
  startTimer(intervalMs: number): void {
    this.stopTimer();
    this.timer = setInterval(() => {
      this.reap().catch((error: unknown) => this.options.logger.debug({ err: error }, 'reaper pass failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private isLeftover(labels: Readonly<Record<string, string>>, { all = false, runs }: ReapOptions): boolean {
    const managed = readNetlabLabels(labels);
    if (!managed) return false;
    if (runs) return runs.has(managed.runId);
    if (this.options.isRunAlive(managed.runId)) return false;
    return all || managed.expiresAt <= (this.options.now ?? Date.now)();
  }

  private async pass(options: ReapOptions): Promise<ReapReport> {
    const { engine, logger } = this.options;
    const containers = (await engine.listContainers({ labels: MANAGED_FILTER })).filter((c) => this.isLeftover(c.labels, options));
    let removedContainers = 0;
    await Promise.all(
      containers.map((c) =>
        engine.removeContainer(c.id).then(
          () => removedContainers++,
          (error: unknown) => logger.warn({ err: error, id: c.id }, 'reaper: container remove failed'),
        ),
      ),
    );
    // Networks after containers: a network with endpoints cannot be removed.
    const networks = (await engine.listNetworks({ labels: MANAGED_FILTER })).filter((n) => this.isLeftover(n.labels, options));
    let removedNetworks = 0;
    for (const n of networks) {
      await engine.removeNetwork(n.id).then(
        () => removedNetworks++,
        (error: unknown) => logger.warn({ err: error, id: n.id }, 'reaper: network remove failed'),
      );
    }
    if (removedContainers + removedNetworks > 0) logger.info({ containers: removedContainers, networks: removedNetworks }, 'reaper removed leftovers');
    return { containers: removedContainers, networks: removedNetworks };
  }
}
