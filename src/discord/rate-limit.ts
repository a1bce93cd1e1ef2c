/**
 * Per-member token buckets: a member may send a burst of commands (or keystrokes in an
 * autocomplete), then one per refill interval. Keeps one member from making the bot do
 * unbounded work, or ping a classmate again and again. Buckets of members who went quiet are
 * dropped.
 */
export interface BucketLimits {
  /** Tokens a full bucket holds: the burst. */
  readonly capacity: number;
  /** Milliseconds to earn one token back. */
  readonly refillMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: BucketLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `key`: 0 when it may go ahead, else the seconds until it may. */
  take(key: string): number {
    if (this.limits.refillMs <= 0) return 0; // no pace set
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.capacity, at: now };
    bucket.tokens = Math.min(this.limits.capacity, bucket.tokens + (now - bucket.at) / this.limits.refillMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * this.limits.refillMs) / 1000));
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) / this.limits.refillMs >= this.limits.capacity) this.buckets.delete(key);
  }
}

/** A classmate may be pinged through `mention` once per this many ms in one server. */
export class MentionCooldown {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True (and remembered) when `userId` may be pinged now in `guildId`. */
  mayPing(guildId: string | null, userId: string): boolean {
    const key = `${guildId ?? 'dm'}/${userId}`;
    const now = this.now();
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.cooldownMs) return false;
    this.last.set(key, now);
    if (this.last.size > 10_000) for (const [k, t] of this.last) if (now - t >= this.cooldownMs) this.last.delete(k);
    return true;
  }
}
