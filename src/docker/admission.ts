/**
 * Who may run a demo now: at most `maxConcurrent` at once, a bounded FIFO queue with position
 * reports, one demo per member (running or queued) and a per-member cooldown. When full it
 * refuses at once with an honest estimate instead of queueing without bound.
 */
import { CooldownError, DemoAlreadyRunningError, SandboxBusyError } from './errors.ts';

export interface AdmissionLimits {
  readonly maxConcurrent: number;
  readonly queueSize: number;
  readonly userCooldownMs: number;
}

export interface AdmitRequest {
  readonly userId: string;
  /** Called when queued and whenever the position changes; 1 = next in line. */
  readonly onQueued?: (position: number, etaSec: number) => void;
  readonly signal?: AbortSignal;
}

/** A granted slot; release() exactly once when the demo (and its cleanup) is over. */
export interface Slot {
  readonly queuedMs: number;
  /**
   * The member has their answer: they may ask again (after the cooldown) while the slot itself
   * stays taken until release(), because their containers are still being removed.
   */
  memberDone(): void;
  release(durationMs: number): void;
}

interface Waiter {
  readonly request: AdmitRequest;
  readonly enqueuedAt: number;
  grant(slot: Slot): void;
  fail(error: unknown): void;
}

export class Admission {
  private runningCount = 0;
  private readonly queue: Waiter[] = [];
  private readonly activeUsers = new Set<string>();
  private readonly cooldownUntil = new Map<string, number>();
  /** Moving average of demo durations, for queue and busy estimates. */
  private averageMs = 2_000;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get running(): number {
    return this.runningCount;
  }

  get queued(): number {
    return this.queue.length;
  }

  admit(request: AdmitRequest): Promise<Slot> {
    const { userId } = request;
    if (this.activeUsers.has(userId)) return Promise.reject(new DemoAlreadyRunningError());
    const until = this.cooldownUntil.get(userId) ?? 0;
    if (until > this.now()) return Promise.reject(new CooldownError(Math.ceil((until - this.now()) / 1000)));
    if (request.signal?.aborted) return Promise.reject(request.signal.reason);
    if (this.runningCount < this.limits.maxConcurrent && this.queue.length === 0) {
      this.activeUsers.add(userId);
      return Promise.resolve(this.grant(userId, this.now()));
    }
    if (this.queue.length >= this.limits.queueSize) return Promise.reject(new SandboxBusyError(this.busyRetryAfterSec()));
    this.activeUsers.add(userId);
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = () => this.leaveQueue(waiter, request.signal?.reason);
      const waiter: Waiter = {
        request,
        enqueuedAt: this.now(),
        grant: (slot) => {
          request.signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        fail: (error) => {
          request.signal?.removeEventListener('abort', onAbort);
          this.activeUsers.delete(userId);
          reject(error);
        },
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.reportPositions(this.queue.length - 1);
    });
  }

  /** Rejects everyone still waiting (shutdown). */
  cancelQueued(error: unknown): void {
    for (const waiter of this.queue.splice(0)) waiter.fail(error);
  }

  /** Seconds until a queued member at `position` (1-based) is likely to start. */
  etaSec(position: number): number {
    return Math.max(1, Math.ceil((Math.ceil(position / this.limits.maxConcurrent) * this.averageMs) / 1000));
  }

  private busyRetryAfterSec(): number {
    return this.etaSec(this.runningCount + this.queue.length);
  }

  private grant(userId: string, enqueuedAt: number): Slot {
    this.runningCount++;
    let released = false;
    let memberFree = false;
    const memberDone = () => {
      if (memberFree) return;
      memberFree = true;
      this.activeUsers.delete(userId);
      if (this.limits.userCooldownMs > 0) this.cooldownUntil.set(userId, this.now() + this.limits.userCooldownMs);
      this.pruneCooldowns();
    };
    return {
      queuedMs: this.now() - enqueuedAt,
      memberDone,
      release: (durationMs: number) => {
        if (released) return;
        released = true;
        memberDone();
        this.runningCount--;
        this.averageMs = 0.7 * this.averageMs + 0.3 * durationMs;
        this.startNext();
      },
    };
  }

  private startNext(): void {
    const waiter = this.queue.shift();
    if (!waiter) return;
    waiter.grant(this.grant(waiter.request.userId, waiter.enqueuedAt));
    this.reportPositions(0);
  }

  private leaveQueue(waiter: Waiter, reason: unknown): void {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return;
    this.queue.splice(index, 1);
    waiter.fail(reason);
    this.reportPositions(index);
  }

  /** Tells everyone from `fromIndex` on their (new) place in line. */
  private reportPositions(fromIndex: number): void {
    this.queue.slice(fromIndex).forEach((w, i) => {
      try {
        w.request.onQueued?.(fromIndex + i + 1, this.etaSec(fromIndex + i + 1));
      } catch {
        // A failing progress callback (say, a Discord edit) must not break the queue.
      }
    });
  }

  private pruneCooldowns(): void {
    const now = this.now();
    for (const [user, until] of this.cooldownUntil) if (until <= now) this.cooldownUntil.delete(user);
  }
}
