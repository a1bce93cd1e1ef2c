/**
 * One kind's bookkeeping in the warm pool: containers waiting (oldest first), being created and
 * being retired. All three count against the pool size, so the pool never holds more than its
 * size per kind, even while it replaces an aged container.
 */

export interface PooledContainer {
  readonly id: string;
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
