/**
 * A circuit breaker for one engine. After a few consecutive engine failures (no answer, refused,
 * timed out) it opens: demos are refused at once with SandboxUnavailableError, which says when
 * the next try is, instead of each member waiting for the same timeout. While open, a probe
 * (a ping) runs in the background, at growing intervals; the first answer closes the breaker and
 * demos work again without a restart. Only engine failures count: a busy sandbox, a cooldown or
 * a missing image say nothing about whether the engine answers.
 */
import type { Logger } from '../log.ts';
import { isEngineUnavailable, SandboxUnavailableError } from './errors.ts';

export type BreakerState = 'closed' | 'open';

export interface BreakerStatus {
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  /** While open: seconds until the next probe. */
  readonly retryAfterSec?: number;
  /** While open: when it opened (ISO time). */
  readonly openSince?: string;
}

export interface BreakerOptions {
  /** Asks the engine whether it answers; resolves when it does. */
  readonly probe: () => Promise<void>;
  /** Called when a probe closed the breaker (restock, finish a start-up that found the engine dead). */
  readonly onClose?: () => void;
  readonly onChange?: (state: BreakerState) => void;
  readonly logger?: Logger;
  /** Consecutive engine failures that open the breaker. */
  readonly threshold?: number;
  /** The first probe comes this long after opening; each failed probe doubles the wait, up to the maximum. */
  readonly probeIntervalMs?: number;
  readonly maxProbeIntervalMs?: number;
  readonly now?: () => number;
}

export const BREAKER_DEFAULTS = { threshold: 3, probeIntervalMs: 2_000, maxProbeIntervalMs: 30_000 } as const;

export class EngineBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private nextProbeAt = 0;
  private intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.intervalMs = options.probeIntervalMs ?? BREAKER_DEFAULTS.probeIntervalMs;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.openedAt === undefined ? 'closed' : 'open';
  }

  status(): BreakerStatus {
    if (this.openedAt === undefined) return { state: 'closed', consecutiveFailures: this.failures };
    return { state: 'open', consecutiveFailures: this.failures, retryAfterSec: this.retryAfterSec(), openSince: new Date(this.openedAt).toISOString() };
  }

  /** Seconds until the next probe (at least 1); 0 while closed. */
  retryAfterSec(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(1, Math.ceil((this.nextProbeAt - this.now()) / 1000));
  }

  /** Throws SandboxUnavailableError while open. */
  check(): void {
    if (this.openedAt !== undefined) throw new SandboxUnavailableError(this.retryAfterSec());
  }

  recordSuccess(): void {
    this.failures = 0;
  }

  /** Counts the error if it is an engine failure; returns whether it did. */
  recordFailure(error: unknown): boolean {
    if (!isEngineUnavailable(error)) return false;
    this.failures++;
    if (this.openedAt === undefined && this.failures >= (this.options.threshold ?? BREAKER_DEFAULTS.threshold)) this.open(error);
    return true;
  }

  /** Opens at once: the start-up check found the engine silent, no need to wait for three demos to fail. */
  trip(reason: unknown): void {
    if (this.openedAt === undefined) this.open(reason);
  }

  /** No more probes (shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private open(reason: unknown): void {
    if (this.stopped) return;
    this.openedAt = this.now();
    this.intervalMs = this.options.probeIntervalMs ?? BREAKER_DEFAULTS.probeIntervalMs;
    const why = reason instanceof Error ? reason.message : String(reason);
    this.options.logger?.warn({ reason: why, failures: this.failures }, 'sandbox engine taken out: demos are refused until it answers again');
    this.options.onChange?.('open');
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.nextProbeAt = this.now() + this.intervalMs;
    this.timer = setTimeout(() => void this.probe(), this.intervalMs);
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    this.timer = undefined;
    try {
      await this.options.probe();
    } catch {
      this.intervalMs = Math.min(this.intervalMs * 2, this.options.maxProbeIntervalMs ?? BREAKER_DEFAULTS.maxProbeIntervalMs);
      this.schedule();
      return;
    }
    if (this.stopped) return;
    const downMs = this.now() - (this.openedAt ?? this.now());
    this.openedAt = undefined;
    this.failures = 0;
    this.options.logger?.info({ downMs }, 'sandbox engine answers again: demos resume');
    this.options.onChange?.('closed');
    this.options.onClose?.();
  }
}
