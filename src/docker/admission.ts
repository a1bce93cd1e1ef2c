/**
 * Who may run a demo now: at most `maxConcurrent` at once, a bounded queue with position reports,
 * one demo per member (running or queued) and a per-member cooldown. When full it refuses at once
 * with an honest estimate instead of queueing without bound.
 *
 * Fairness across servers and channels, so a flood from one place cannot lock others out:
 * - the next free slot goes to the waiter whose server (then channel) has the fewest demos
 *   running, earliest first among equals;
 * - when the queue is full, a newcomer from a server (or channel) with fewer waiting than the
 *   busiest one takes the busiest one's newest place, and that member hears "busy";
 * - optional hard caps per server and per channel (running + waiting), set by the organiser.
 */
import { CooldownError, DemoAlreadyRunningError, QuotaError, SandboxBusyError } from './errors.ts';

export interface AdmissionLimits {
  readonly maxConcurrent: number;
  readonly queueSize: number;
  readonly userCooldownMs: number;
  /** Demos running or waiting per server; 0: no cap. */
  readonly guildMax?: number;
  /** Demos running or waiting per channel; 0: no cap. */
  readonly channelMax?: number;
}

export interface AdmitRequest {
  readonly userId: string;
  /** The server and channel asked from; undefined outside Discord (the console, the CLI). */
  readonly guildId?: string | undefined;
  readonly channelId?: string | undefined;
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
  readonly order: number;
  grant(slot: Slot): void;
  fail(error: unknown): void;
}

const NO_PLACE = '';
const guildOf = (r: AdmitRequest) => r.guildId ?? NO_PLACE;
const channelOf = (r: AdmitRequest) => `${r.guildId ?? NO_PLACE}/${r.channelId ?? NO_PLACE}`;

export class Admission {
  private runningCount = 0;
  private queue: Waiter[] = [];
  private readonly activeUsers = new Set<string>();
  private readonly cooldownUntil = new Map<string, number>();
  /** Demos running per server and per channel (running + cleaning up). */
  private readonly runningIn = new Map<string, number>();
  /** Moving average of demo durations, for queue and busy estimates. */
  private averageMs = 2_000;
  private nextOrder = 0;
  private readonly lastPosition = new Map<Waiter, number>();

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
    const quota = this.quotaRefusal(request);
    if (quota) return Promise.reject(quota);
    if (this.runningCount < this.limits.maxConcurrent && this.queue.length === 0) {
      this.activeUsers.add(userId);
      return Promise.resolve(this.grant(request, this.now()));
    }
    if (this.queue.length >= this.limits.queueSize && !this.makeRoomFor(request)) return Promise.reject(new SandboxBusyError(this.busyRetryAfterSec()));
    this.activeUsers.add(userId);
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = () => this.leaveQueue(waiter, request.signal?.reason);
      const waiter: Waiter = {
        request,
        enqueuedAt: this.now(),
        order: this.nextOrder++,
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
      this.reportPositions();
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

  private count(map: Map<string, number>, key: string): number {
    return map.get(key) ?? 0;
  }

  private queuedIn(key: (r: AdmitRequest) => string, value: string): number {
    return this.queue.filter((w) => key(w.request) === value).length;
  }

  /** The organiser's hard caps per server and channel, counting running and waiting demos. */
  private quotaRefusal(request: AdmitRequest): QuotaError | undefined {
    const { guildMax = 0, channelMax = 0 } = this.limits;
    if (request.guildId === undefined) return undefined;
    const inGuild = this.count(this.runningIn, `g:${guildOf(request)}`) + this.queuedIn(guildOf, guildOf(request));
    if (guildMax > 0 && inGuild >= guildMax) return new QuotaError('server', guildMax, this.etaSec(inGuild));
    const inChannel = this.count(this.runningIn, `c:${channelOf(request)}`) + this.queuedIn(channelOf, channelOf(request));
    if (channelMax > 0 && inChannel >= channelMax) return new QuotaError('channel', channelMax, this.etaSec(inChannel));
    return undefined;
  }

  /**
   * A full queue: a newcomer from a server (then a channel) with fewer waiting than the busiest
   * one takes that one's newest place. True when a place was freed.
   */
  private makeRoomFor(request: AdmitRequest): boolean {
    for (const key of [guildOf, channelOf]) {
      const mine = this.queuedIn(key, key(request));
      const counts = new Map<string, number>();
      for (const w of this.queue) counts.set(key(w.request), (counts.get(key(w.request)) ?? 0) + 1);
      const [busiest, most] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      if (most > mine + 1 && (key === guildOf || guildOf(request) === busiest.split('/')[0])) {
        const victim = [...this.queue].reverse().find((w) => key(w.request) === busiest)!;
        this.queue = this.queue.filter((w) => w !== victim);
        this.lastPosition.delete(victim);
        victim.fail(new SandboxBusyError(this.busyRetryAfterSec()));
        return true;
      }
    }
    return false;
  }

  /**
   * The waiters in the order the slots will go: each next one is the waiter whose server, then
   * channel, has the fewest demos running (counting those picked before it), earliest first.
   */
  private fairOrder(): Waiter[] {
    const running = new Map(this.runningIn);
    const score = (w: Waiter) => [running.get(`g:${guildOf(w.request)}`) ?? 0, running.get(`c:${channelOf(w.request)}`) ?? 0, w.order] as const;
    const before = (a: readonly number[], b: readonly number[]) => a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)));
    const left = [...this.queue];
    const order: Waiter[] = [];
    while (left.length > 0) {
      let best = 0;
      for (let i = 1; i < left.length; i++) if (before(score(left[i]!), score(left[best]!))) best = i;
      const [w] = left.splice(best, 1);
      order.push(w!);
      if (w!.request.guildId === undefined) continue;
      for (const place of [`g:${guildOf(w!.request)}`, `c:${channelOf(w!.request)}`]) running.set(place, (running.get(place) ?? 0) + 1);
    }
    return order;
  }

  private grant(request: AdmitRequest, enqueuedAt: number): Slot {
    this.runningCount++;
    const places = request.guildId === undefined ? [] : [`g:${guildOf(request)}`, `c:${channelOf(request)}`];
    for (const place of places) this.runningIn.set(place, this.count(this.runningIn, place) + 1);
    let released = false;
    let memberFree = false;
    const memberDone = () => {
      if (memberFree) return;
      memberFree = true;
      this.activeUsers.delete(request.userId);
      if (this.limits.userCooldownMs > 0) this.cooldownUntil.set(request.userId, this.now() + this.limits.userCooldownMs);
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
        for (const place of places) {
          const left = this.count(this.runningIn, place) - 1;
          if (left > 0) this.runningIn.set(place, left);
          else this.runningIn.delete(place);
        }
        this.averageMs = 0.7 * this.averageMs + 0.3 * durationMs;
        this.startNext();
      },
    };
  }

  private startNext(): void {
    const [waiter] = this.fairOrder();
    if (!waiter) return;
    this.queue = this.queue.filter((w) => w !== waiter);
    this.lastPosition.delete(waiter);
    waiter.grant(this.grant(waiter.request, waiter.enqueuedAt));
    this.reportPositions();
  }

  private leaveQueue(waiter: Waiter, reason: unknown): void {
    if (!this.queue.includes(waiter)) return;
    this.queue = this.queue.filter((w) => w !== waiter);
    this.lastPosition.delete(waiter);
    waiter.fail(reason);
    this.reportPositions();
  }

  /** Tells each waiter whose place changed where it now stands, in the fair order. */
  private reportPositions(): void {
    this.fairOrder().forEach((w, i) => {
      const position = i + 1;
      if (this.lastPosition.get(w) === position) return;
      this.lastPosition.set(w, position);
      try {
        w.request.onQueued?.(position, this.etaSec(position));
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
