/**
 * Crash safety: removes labelled containers and networks that nobody alive owns.
 * - Whatever a dead netlab process created (its owner's lease is not running, see owner.ts) goes,
 *   whatever its expiry: a restarted bot clears what its crashed predecessor left at once.
 * - Whatever a live netlab process holds (its lease runs) stays, even when expired: that
 *   process removes its own leftovers.
 * - This process's own resources and those made before owners existed go once their label's
 *   expiry passed, unless a run of this process still owns them.
 * `all: true` also takes this process's (and owner-less) unexpired leftovers, for an operator;
 * `dead: true` takes only what dead processes left; `runs` takes exactly those runs' resources.
 */
import type { Logger } from '../log.ts';
import type { Engine } from './engine/engine.ts';
import { MANAGED_FILTER, readNetlabLabels } from './labels.ts';
import { LEASE, liveOwners } from './owner.ts';

export interface ReapOptions {
  readonly all?: boolean;
  /** Only what netlab processes that are gone left behind. */
  readonly dead?: boolean;
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
  /** Also run on each timer tick (the warm pool's audit of its waiting containers). */
  readonly onTick?: () => Promise<unknown>;
  /** This process's owner id (owner.ts): its own lease is alive by definition. */
  readonly ownerId?: string;
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
      this.options.onTick?.().catch((error: unknown) => this.options.logger.debug({ err: error }, 'reaper tick failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private isLeftover(labels: Readonly<Record<string, string>>, { all = false, dead = false, runs }: ReapOptions, live: ReadonlySet<string>): boolean {
    const managed = readNetlabLabels(labels);
    if (!managed) return false;
    if (runs) return runs.has(managed.runId);
    const mine = managed.owner !== undefined && managed.owner === this.options.ownerId;
    if (mine && managed.scenario === LEASE) return false;
    if (this.options.isRunAlive(managed.runId)) return false;
    if (managed.owner !== undefined && !mine) return !live.has(managed.owner);
    if (dead) return false;
    return all || managed.expiresAt <= (this.options.now ?? Date.now)();
  }

  private async pass(options: ReapOptions): Promise<ReapReport> {
    const { engine, logger } = this.options;
    const live = await liveOwners(engine);
    const containers = (await engine.listContainers({ labels: MANAGED_FILTER })).filter((c) => this.isLeftover(c.labels, options, live));
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
    const networks = (await engine.listNetworks({ labels: MANAGED_FILTER })).filter((n) => this.isLeftover(n.labels, options, live));
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
