/**
 * Keeps the warm pool stocked: creates containers for each kind (one at a time per kind),
 * replaces those older than the maximum age, and backs off when the engine refuses. How far it
 * refills follows the engine's pressure and recent demand (demand.ts):
 * - idle (no demo runs or waits): every kind fills up to the pool size;
 * - headroom (demos run, but a slot is free and nobody waits): one refill at a time, the kinds
 *   most asked for first, each up to what its recent demand needs — a steady stream stays warm
 *   without a refill ever taking the engine from a member who waits;
 * - saturated (every slot taken or demos waiting): no refill; container starts are the bottleneck
 *   on a small machine, and the members in line come first.
 * A container leaves the stock only through take() or takeAll().
 *
 * Each kind's bookkeeping (PoolSlots): containers waiting (oldest first), being created and being
 * retired. All three count against the pool size, so the pool never holds more than its size per
 * kind, even while it replaces an aged container.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { Engine } from '../engine/engine.ts';
import { buildContainerSpec } from '../policy.ts';
import { DemandMeter } from './demand.ts';

export type PoolKind = 'bridge' | 'none' | 'host';

/** How busy the engine's demos keep it (see the class comment). */
export type PoolPressure = 'idle' | 'headroom' | 'saturated';

export interface PooledContainer {
  readonly id: string;
  readonly engineName: string;
  /** The run id in its labels (a pool run id, not a demo's). */
  readonly runId: string;
  readonly createdAt: number;
}

export class PoolSlots {
  /** Started and waiting, oldest first. */
  readonly ready: PooledContainer[] = [];
  private readonly creatingIds = new Set<string>();
  private readonly retiringIds = new Set<string>();
  private readonly timers = new Map<PooledContainer, NodeJS.Timeout>();

  get creating(): number {
    return this.creatingIds.size;
  }

  /** Everything that counts against the pool size. */
  get count(): number {
    return this.ready.length + this.creatingIds.size + this.retiringIds.size;
  }

  owns(runId: string): boolean {
    return this.creatingIds.has(runId) || this.retiringIds.has(runId) || this.ready.some((e) => e.runId === runId);
  }

  beginCreate(runId: string): void {
    this.creatingIds.add(runId);
  }

  endCreate(runId: string, started: PooledContainer | undefined): void {
    this.creatingIds.delete(runId);
    if (started) this.ready.push(started);
  }

  beginRetire(runId: string): void {
    this.retiringIds.add(runId);
  }

  endRetire(runId: string): void {
    this.retiringIds.delete(runId);
  }

  /** The age timer that retires a waiting container; cleared when it leaves the pool. */
  setTimer(entry: PooledContainer, timer: NodeJS.Timeout): void {
    this.timers.set(entry, timer);
  }

  takeOldest(): PooledContainer | undefined {
    const entry = this.ready.shift();
    if (entry) this.clearTimer(entry);
    return entry;
  }

  /** Takes a waiting container out; false when it already left (taken by a run). */
  remove(entry: PooledContainer): boolean {
    const index = this.ready.indexOf(entry);
    if (index < 0) return false;
    this.ready.splice(index, 1);
    this.clearTimer(entry);
    return true;
  }

  takeAll(): PooledContainer[] {
    const all = this.ready.splice(0);
    all.forEach((entry) => this.clearTimer(entry));
    return all;
  }

  private clearTimer(entry: PooledContainer): void {
    clearTimeout(this.timers.get(entry));
    this.timers.delete(entry);
  }
}

const BACKOFF_MAX_MS = 60_000;

export interface PoolStockOptions {
  readonly engine: Engine;
  readonly config: SandboxConfig;
  readonly logger: Logger;
  readonly poolId: string;
  /** This process's owner id (owner.ts), on every container it makes. */
  readonly ownerId?: string;
  readonly maxAgeMs: number;
  readonly expiryGraceMs: number;
  readonly now: () => number;
  /** The runner's view of the engine (idle when absent); held refills wait for resume(). */
  readonly pressure?: () => PoolPressure;
  /** Recent requests per kind (the pool records them). */
  readonly demand: DemandMeter<PoolKind>;
}

export class PoolStock {
  readonly slots: ReadonlyMap<PoolKind, PoolSlots>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly fullWaiters = new Set<() => void>();
  private state: 'idle' | 'filling' | 'closed' = 'idle';
  private backoffMs = 0;
  private backoffTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PoolStockOptions) {
    const kinds: PoolKind[] = options.config.hostScenario ? ['bridge', 'none', 'host'] : ['bridge', 'none'];
    this.slots = new Map(kinds.map((k) => [k, new PoolSlots()]));
  }

  get filling(): boolean {
    return this.state === 'filling';
  }

  /** A getter, so checks after an await see a close() that happened meanwhile. */
  private get closed(): boolean {
    return this.state === 'closed';
  }

  private get size(): number {
    return this.options.config.poolSize;
  }

  start(): void {
    if (this.state !== 'idle' || this.size === 0) return;
    this.state = 'filling';
    for (const kind of this.slots.keys()) this.refill(kind);
  }

  /** Pressure eased (a demo ended): refill what waited, the kinds most asked for first. */
  resume(): void {
    const { demand } = this.options;
    const byDemand = [...this.slots.keys()].sort((a, b) => demand.ratePerSec(b) - demand.ratePerSec(a));
    for (const kind of byDemand) this.refill(kind);
  }

  close(): void {
    this.state = 'closed';
    clearTimeout(this.backoffTimer);
    this.notifyFull();
  }

  /** Resolves once every kind is full, or at once when not filling. */
  filled(): Promise<void> {
    if (!this.filling || this.isFull()) return Promise.resolve();
    return new Promise((resolve) => this.fullWaiters.add(resolve));
  }

  /** Waits for every creation and removal in flight. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * The oldest young-enough container of a kind; anything too old is retired on the way. Taking
   * does not refill: the caller does once its demo has its answer (see WarmPool.acquire).
   */
  take(kind: PoolKind): PooledContainer | undefined {
    const slots = this.slots.get(kind);
    let entry = slots?.takeOldest();
    while (entry && this.options.now() - entry.createdAt >= this.options.maxAgeMs) {
      this.retire(kind, entry);
      entry = slots?.takeOldest();
    }
    return entry;
  }

  refill(kind: PoolKind): void {
    const slots = this.slots.get(kind);
    if (!slots || !this.filling || this.backoffTimer || slots.creating > 0) return;
    if (slots.count >= this.size) return this.notifyFull();
    const pressure = this.options.pressure?.() ?? 'idle';
    if (pressure === 'saturated') return; // resume() picks it up once a demo ends
    if (pressure === 'headroom' && (this.creatingTotal() > 0 || slots.count >= this.options.demand.target(kind, this.size))) return;
    const runId = randomBytes(5).toString('hex');
    slots.beginCreate(runId);
    this.track(
      this.createOne(kind, runId).then(
        (entry) => {
          slots.endCreate(runId, entry);
          if (entry) this.scheduleRetire(kind, entry);
          this.backoffMs = 0;
          this.resume(); // this kind and, while busy, the next most asked for
        },
        (error: unknown) => {
          slots.endCreate(runId, undefined);
          this.backOff(error);
        },
      ),
    );
  }

  /** A started container, or undefined when the pool closed meanwhile (it is removed then). */
  private async createOne(kind: PoolKind, runId: string): Promise<PooledContainer | undefined> {
    const { engine, config, poolId, ownerId, now } = this.options;
    const createdAt = now();
    // PID 1 waits (and the label keeps the reaper away) for the longest stay here plus one demo.
    const expiresAt = createdAt + this.options.maxAgeMs + config.deadlineMs + this.options.expiryGraceMs;
    const spec = buildContainerSpec(config, { role: kind, network: { kind } }, { runId, scenario: 'pool', expiresAt, pool: poolId, ...(ownerId ? { owner: ownerId } : {}) }, createdAt);
    const { id } = await engine.createContainer(spec);
    try {
      if (this.closed) throw new Error('pool closed');
      await engine.startContainer(id);
      if (this.closed) throw new Error('pool closed');
    } catch (error) {
      await this.quietlyRemove(id);
      if (this.closed) return undefined;
      throw error;
    }
    return { id, engineName: spec.name, runId, createdAt };
  }

  private scheduleRetire(kind: PoolKind, entry: PooledContainer): void {
    const slots = this.slots.get(kind)!;
    const timer = setTimeout(() => {
      if (slots.remove(entry)) this.retire(kind, entry);
    }, Math.max(0, entry.createdAt + this.options.maxAgeMs - this.options.now()));
    timer.unref();
    slots.setTimer(entry, timer);
  }

  /**
   * Retires every waiting container not in `running` (it died: the engine restarted, someone
   * removed it) and refills in its place. Returns how many were dropped.
   */
  dropDead(running: ReadonlySet<string>): number {
    let dropped = 0;
    for (const [kind, slots] of this.slots) {
      for (const entry of [...slots.ready]) {
        if (running.has(entry.id) || !slots.remove(entry)) continue;
        dropped++;
        this.retire(kind, entry);
      }
    }
    return dropped;
  }

  /** Removes an aged container; it counts against its kind until it is gone. */
  private retire(kind: PoolKind, entry: PooledContainer): void {
    const slots = this.slots.get(kind)!;
    slots.beginRetire(entry.runId);
    this.track(
      this.quietlyRemove(entry.id).then(() => {
        slots.endRetire(entry.runId);
        this.refill(kind);
      }),
    );
  }

  /** Engine trouble or a missing image: retry later, not in a hot loop. */
  private backOff(error: unknown): void {
    if (!this.filling || this.backoffTimer) return; // kinds failing together back off once
    this.backoffMs = Math.min(BACKOFF_MAX_MS, Math.max(1_000, this.backoffMs * 2));
    this.options.logger.warn({ err: error, retryInMs: this.backoffMs }, 'warm pool: could not start a container; demos are created cold meanwhile');
    clearTimeout(this.backoffTimer);
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      for (const kind of this.slots.keys()) this.refill(kind);
    }, this.backoffMs);
    this.backoffTimer.unref();
  }

  async quietlyRemove(id: string): Promise<void> {
    await this.options.engine.removeContainer(id).catch((error: unknown) => {
      // Its label's expiry lets the reaper remove it later.
      this.options.logger.warn({ err: error, id }, 'warm pool: container remove failed');
    });
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private creatingTotal(): number {
    let n = 0;
    for (const slots of this.slots.values()) n += slots.creating;
    return n;
  }

  private isFull(): boolean {
    return [...this.slots.values()].every((s) => s.ready.length >= this.size);
  }

  private notifyFull(): void {
    if (this.filling && !this.isFull()) return;
    for (const resolve of this.fullWaiters) resolve();
    this.fullWaiters.clear();
  }
}
