/**
 * Recent demand per pool kind: an exponentially decaying rate of requests (an EWMA over about
 * the last minute), so the pool refills, while demos run, what members are actually asking for.
 */

/** The rate's time constant: a request's weight falls to 1/e after this long. */
export const DEMAND_TIME_CONSTANT_MS = 60_000;
/** How long a refill takes to be ready here (create + start), in seconds: the stock to keep ahead. */
export const REFILL_LEAD_SEC = 1.5;
/** Below this rate (about one request in the last two minutes) a kind is not refilled while busy. */
export const DEMAND_FLOOR_PER_SEC = 1 / 120;

export class DemandMeter<K extends string> {
  private readonly rates = new Map<K, { perSec: number; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly timeConstantMs = DEMAND_TIME_CONSTANT_MS,
  ) {}

  record(kind: K): void {
    const at = this.now();
    this.rates.set(kind, { perSec: this.ratePerSec(kind) + 1000 / this.timeConstantMs, at });
  }

  /** Requests per second, decayed to now. */
  ratePerSec(kind: K): number {
    const entry = this.rates.get(kind);
    if (!entry) return 0;
    return entry.perSec * Math.exp(-(this.now() - entry.at) / this.timeConstantMs);
  }

  /**
   * Containers to keep ready for a kind while demos run: enough to serve the requests that
   * arrive while one refill is made, plus one; 0 for a kind hardly anyone asks for; at most `max`.
   */
  target(kind: K, max: number): number {
    const rate = this.ratePerSec(kind);
    if (rate < DEMAND_FLOOR_PER_SEC) return 0;
    return Math.min(max, 1 + Math.ceil(rate * REFILL_LEAD_SEC));
  }
}
