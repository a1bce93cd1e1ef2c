/**
 * A warm pool: pre-started containers for the single-container shapes (default bridge, none,
 * host — no added capabilities, not root, no shared PIDs), built by the same policy builder as a
 * cold container. Each is handed to exactly one run, which adopts it and removes it when the demo
 * ends, and the pool refills in the background: every member still sees a fresh container, only
 * one started a little earlier. Whatever the pool cannot serve at once (empty, off, a shape it
 * does not hold, a pooled container that died) is created cold, transparently. Any scenario whose
 * need has one of these shapes is served, e.g. the `container` scenario's target on the bridge.
 *
 * Bound on live containers. A kind never holds more than `poolSize` containers, counting those
 * being created, waiting and being removed; a container leaves that count only when a run adopts
 * it, and runs are bounded by admission (a run keeps its slot until its cleanup ends). So at any
 * moment: containers ≤ maxConcurrent × containers per demo + poolSize × kinds, where the kinds
 * are bridge, none and host (host only while SANDBOX_HOST_SCENARIO is on).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { abortable } from '../engine/abortable.ts';
import type { AcquiredContainer, ContainerSource } from '../container-source.ts';
import type { Engine } from '../engine/engine.ts';
import { LABEL_POOL } from '../labels.ts';
import type { ContainerNeeds } from '../policy.ts';
import { DemandMeter } from './demand.ts';
import { PoolStock, type PoolKind, type PoolPressure } from './stock.ts';
import type { DemoRun } from '../run.ts';

export type { PoolKind, PoolPressure };

/** A pooled container waits at most this long, then is replaced: its wait and expiry are finite. */
export const POOL_MAX_AGE_MS = 15 * 60_000;
/** As for runs' labels: time after the deadline for cleanup before the reaper may step in. */
const POOL_EXPIRY_GRACE_MS = 30_000;

export interface PoolStatus {
  /** Containers kept per kind (0: the pool is off). */
  readonly size: number;
  readonly kinds: Readonly<Partial<Record<PoolKind, { readonly ready: number; readonly creating: number }>>>;
}

export interface WarmPoolOptions {
  readonly engine: Engine;
  /** This process's owner id (owner.ts), on every container it makes. */
  readonly ownerId?: string;
  readonly config: SandboxConfig;
  readonly logger: Logger;
  /** Serves what the pool cannot: cold creation. */
  readonly fallback: ContainerSource;
  readonly maxAgeMs?: number;
  readonly expiryGraceMs?: number;
  readonly now?: () => number;
  /** The runner's view of the engine: how far refills go while demos run (see stock.ts). */
  readonly pressure?: () => PoolPressure;
}

/** The kind a need can be served from, or undefined when it must be created cold. */
export function poolKindOf(needs: ContainerNeeds): PoolKind | undefined {
  const { kind } = needs.network;
  if (kind !== 'bridge' && kind !== 'none' && kind !== 'host') return undefined;
  const plain = (needs.capabilities?.length ?? 0) === 0 && needs.runAsRoot !== true && needs.sharePidsWith === undefined;
  return plain ? kind : undefined;
}

export class WarmPool implements ContainerSource {
  /** One per pool; on every container it makes (LABEL_POOL), so drain finds them all. */
  readonly poolId = randomBytes(5).toString('hex');
  private readonly stock: PoolStock;
  /** Recent requests per kind, served warm or not: what refills follow while demos run. */
  readonly demand: DemandMeter<PoolKind>;
  /** Pool run ids handed to a run: alive for the reaper until that run starts stopping. */
  private readonly handedOut = new Map<string, DemoRun>();

  constructor(private readonly options: WarmPoolOptions) {
    const { engine, config, logger } = options;
    const maxAgeMs = options.maxAgeMs ?? POOL_MAX_AGE_MS;
    const expiryGraceMs = options.expiryGraceMs ?? POOL_EXPIRY_GRACE_MS;
    this.demand = new DemandMeter<PoolKind>(options.now ?? Date.now);
    this.stock = new PoolStock({
      engine,
      config,
      logger,
      poolId: this.poolId,
      ...(options.ownerId ? { ownerId: options.ownerId } : {}),
      maxAgeMs,
      expiryGraceMs,
      now: options.now ?? Date.now,
      demand: this.demand,
      ...(options.pressure ? { pressure: options.pressure } : {}),
    });
  }

  status(): PoolStatus {
    const kinds = Object.fromEntries([...this.stock.slots].map(([k, s]) => [k, { ready: s.ready.length, creating: s.creating }]));
    return { size: this.options.config.poolSize, kinds };
  }

  /** Starts filling (once the start-up check found the engine and the image). Idempotent. */
  start(): void {
    this.stock.start();
  }

  /** Resolves once every kind is full, or at once when the pool is off, not started or closed. */
  filled(): Promise<void> {
    return this.stock.filled();
  }

  /** True for the pool run id of a container waiting here, or handed to a run that is not stopping. */
  isRunAlive(runId: string): boolean {
    for (const [id, run] of this.handedOut) if (run.stopped) this.handedOut.delete(id);
    return this.handedOut.has(runId) || [...this.stock.slots.values()].some((s) => s.owns(runId));
  }

  async acquire(needs: ContainerNeeds, run: DemoRun, signal: AbortSignal): Promise<AcquiredContainer> {
    signal.throwIfAborted();
    const kind = poolKindOf(needs);
    if (kind) this.demand.record(kind);
    const entry = kind !== undefined && this.stock.filling ? this.stock.take(kind) : undefined;
    if (!kind || !entry) return this.options.fallback.acquire(needs, run, signal);
    this.handedOut.set(entry.runId, run);
    const running = await abortable(this.isRunning(entry.id), signal).catch(async (error: unknown) => {
      await this.stock.quietlyRemove(entry.id);
      this.stock.refill(kind);
      throw error;
    });
    if (!running) {
      // Removed behind our back (`netlab sandbox reap --all` elsewhere) or died: serve it cold.
      this.options.logger.info({ id: entry.id, kind }, 'warm pool: pooled container was gone, creating one cold');
      await this.stock.quietlyRemove(entry.id);
      this.stock.refill(kind);
      return this.options.fallback.acquire(needs, run, signal);
    }
    if (!(await run.adoptContainer(entry.id))) {
      this.stock.refill(kind);
      throw signal.reason ?? new Error('demo run already stopped'); // adoptContainer removed it
    }
    // Refill once the demo has its answer (and as far as the engine's pressure allows): a
    // container start on the same engine meanwhile slows the very demo it replaces.
    run.onStop(() => this.stock.refill(kind));
    return { id: entry.id, engineName: entry.engineName, warm: true };
  }

  /**
   * Checks the waiting containers against the engine: any that died (an engine restart stops
   * them all; someone may remove one) is removed and replaced, so the pool never sits on dead
   * stock. Runs on the sandbox's reap timer; a dead one is also caught when taken (acquire).
   */
  async audit(): Promise<number> {
    if (!this.stock.filling) return 0;
    const rows = await this.options.engine.listContainers({ labels: { [LABEL_POOL]: this.poolId } });
    const running = new Set(rows.filter((r) => r.state === 'running').map((r) => r.id));
    const dropped = this.stock.dropDead(running);
    if (dropped > 0) this.options.logger.info({ dropped }, 'warm pool: replaced containers that had died');
    return dropped;
  }

  /** Pressure eased (a demo ended): refill what waited meanwhile, as far as it now allows. */
  resume(): void {
    this.stock.resume();
  }

  /** Stops refilling at once; drain() removes what waits. */
  close(): void {
    this.stock.close();
  }

  /**
   * Removes every container this pool made and still holds, then sweeps by its label. Call after
   * the runner's shutdown: the sweep also catches a handed-out container its run failed to remove.
   */
  async drain(): Promise<void> {
    this.stock.close();
    await this.stock.settle();
    const waiting = [...this.stock.slots.values()].flatMap((s) => s.takeAll());
    await Promise.all(waiting.map((e) => this.stock.quietlyRemove(e.id)));
    const labelled = await this.options.engine.listContainers({ labels: { [LABEL_POOL]: this.poolId } }).catch(() => []);
    await Promise.all(labelled.map((c) => this.stock.quietlyRemove(c.id)));
  }

  private isRunning(id: string): Promise<boolean> {
    return this.options.engine.inspectContainer(id).then(
      (inspect) => inspect.State.Running,
      () => false,
    );
  }
}
