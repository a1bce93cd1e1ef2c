/**
 * Weighs findings for the releases the member may run: a refusal by every one of them is an error,
 * a refusal by only some a warning, and a finding about other releases only is left out. Refusals
 * are listed in the order dockerd 20.10 meets them, so the first error is the one it prints.
 */
import type { Finding, Severity } from './finding.ts';
import { inRange, releasesIn, type ReleaseRange } from './releases.ts';

export interface WeighedFinding {
  readonly finding: Finding;
  readonly severity: Severity;
}

export function severityFor(finding: Finding, target: ReleaseRange): Severity | undefined {
  const releases = releasesIn(target);
  if (finding.refusedBy) {
    const refused = releases.filter((r) => inRange(r, finding.refusedBy)).length;
    if (refused === releases.length) return 'error';
    if (refused > 0) return 'warning';
    if (!finding.appliesIn) return undefined;
  }
  if (finding.appliesIn && !releases.some((r) => inRange(r, finding.appliesIn))) return undefined;
  return finding.level ?? 'warning';
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function weigh(findings: readonly Finding[], target: ReleaseRange): WeighedFinding[] {
  const weighed = findings
    .map((finding) => ({ finding, severity: severityFor(finding, target) }))
    .filter((w): w is WeighedFinding => w.severity !== undefined);
  const dockerOrder = (a: Finding, b: Finding) => a.stage - b.stage || (a.order ?? 0) - (b.order ?? 0) || (a.at ?? Infinity) - (b.at ?? Infinity);
  weighed.sort((a, b) => RANK[a.severity] - RANK[b.severity] || dockerOrder(a.finding, b.finding));
  // A key refused at one stage is often refused again later for the same reason: keep the first.
  const firstErrorStage = new Map<string, number>();
  return weighed.filter(({ finding, severity }) => {
    if (severity !== 'error') return true;
    const stage = firstErrorStage.get(finding.key);
    if (stage === undefined) firstErrorStage.set(finding.key, finding.stage);
    return stage === undefined || stage === finding.stage;
  });
}
