/** Summaries of raw samples: nearest-rank percentiles (an observed value, never interpolated). */

export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function summarize(samples: readonly number[], digits = 2): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : Number.NaN);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    min: round(sorted[0] ?? Number.NaN),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.length ? mean : Number.NaN),
  };
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

/** a / b rounded, or NaN when either side is missing. */
export function ratio(a: number, b: number, digits = 2): number {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Number((a / b).toFixed(digits)) : Number.NaN;
}
