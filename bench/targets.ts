/** The targets of issues 5 and 2, judged on the figures of this run. Reported, never asserted. */
import type { BurstResults } from './burst.ts';
import type { StreamStep } from './stream.ts';
import type { DemosResults } from './demos.ts';
import type { RenderResults } from './render.ts';
import type { QuizResults } from './quiz.ts';
import type { SearchResults } from './search.ts';
import { renderTable } from './lib/table.ts';

export interface TargetRow {
  readonly target: string;
  readonly limit: string;
  readonly measured: string;
  readonly status: 'pass' | 'MISS' | 'not run';
}

const MIB_TO_MB = 1.048576;

export function judgeTargets(results: {
  search?: SearchResults;
  render?: RenderResults;
  demos?: DemosResults;
  burst?: BurstResults;
  bursts?: readonly BurstResults[];
  streams?: readonly StreamStep[];
  quiz?: QuizResults;
}): TargetRow[] {
  const rows: TargetRow[] = [];
  const row = (target: string, limit: string, measured: string | undefined, ok: boolean | undefined) =>
    rows.push({ target, limit, measured: measured ?? '–', status: ok === undefined ? 'not run' : ok ? 'pass' : 'MISS' });

  const { search, render, demos, burst, quiz } = results;
  for (const name of ['bridge', 'none', 'host'] as const) {
    const s = demos?.scenarios.find((x) => x.scenario === name);
    const warm = s?.warm?.bot.p50;
    const docker = demos?.baseline.warm?.p50;
    row(
      `${name}: warm demo p50 ≤ 0.25 × docker run`,
      '≤ 0.25',
      s && warm !== undefined ? `${s.ratios.warmVsDocker.toFixed(2)} (${warm.toFixed(0)} / ${docker?.toFixed(0)} ms)` : undefined,
      s && warm !== undefined ? s.ratios.warmVsDocker <= 0.25 : undefined,
    );
  }
  for (const name of ['bridge', 'none', 'host'] as const) {
    const s = demos?.scenarios.find((x) => x.scenario === name);
    row(
      `${name}: cold demo p50 ≤ 1.1 × docker run`,
      '≤ 1.10',
      s ? `${s.ratios.coldVsDocker.toFixed(2)} (${s.cold.bot.p50.toFixed(0)} / ${demos!.baseline.cold.p50.toFixed(0)} ms)` : undefined,
      s ? s.ratios.coldVsDocker <= 1.1 : undefined,
    );
  }
  // Issue 11: every burst of 30 (mixed and all-same) shows 30 real outputs, none busy, p95 ≤ 3 s.
  const bursts = results.bursts ?? (burst ? [burst] : []);
  for (const b of bursts.filter((x) => x.settings.members === 30)) {
    row(
      `burst ${b.settings.label}: real outputs, busy`,
      '30, 0 busy, 0 failures',
      `${b.outcomes.output} outputs from ${b.runs.distinct} runs, ${b.outcomes.busy} busy, ${b.outcomes.failures} failures, ${b.runs.labelMismatches} wrong labels`,
      b.outcomes.output === 30 && b.outcomes.busy === 0 && b.outcomes.failures === 0 && b.runs.labelMismatches === 0,
    );
    row(`burst ${b.settings.label}: p95 to the final answer`, '≤ 3000 ms', `${b.answerMs.all.p95.toFixed(0)} ms (last ${b.lastAnswerMs.toFixed(0)} ms)`, b.answerMs.all.p95 <= 3000);
    row(`burst ${b.settings.label}: acknowledgement p99`, '< 100 ms', `${b.ack.p99.toFixed(1)} ms (n=${b.ack.n})`, b.ack.p99 < 100);
  }
  for (const b of bursts.filter((x) => x.settings.members !== 30)) {
    row(
      `burst ${b.settings.label}: failures (output or honest busy for all)`,
      '0',
      `${b.outcomes.failures} (${b.outcomes.output} outputs from ${b.runs.distinct} runs, ${b.outcomes.busy} busy; p95 ${b.answerMs.all.p95.toFixed(0)} ms)`,
      b.outcomes.failures === 0,
    );
  }
  for (const b of bursts) {
    row(`burst ${b.settings.label}: containers alive at once`, `≤ ${b.containers.allowed}`, `${b.containers.maxAlive} (running ${b.containers.maxRunning})`, b.containers.maxAlive <= b.containers.allowed);
  }
  const steady = results.streams?.find((x) => x.ratePerSec === 1);
  row(
    'steady 1 demo/s: p50 ≤ 0.25 × docker run, p95 ≤ 1.5 s',
    '≤ 0.25, ≤ 1500 ms',
    steady ? `${steady.p50Ratio.toFixed(2)} (${steady.answerMs.p50.toFixed(0)} / ${steady.dockerRunMs} ms), p95 ${steady.answerMs.p95.toFixed(0)} ms, ${steady.busy} busy` : undefined,
    steady ? steady.p50Ratio <= 0.25 && steady.answerMs.p95 <= 1500 && steady.busy === 0 && steady.failures === 0 : undefined,
  );
  row('acknowledgement p99, demos', '< 100 ms', demos ? `${demos.ack.all.p99.toFixed(1)} ms (n=${demos.ack.all.n})` : undefined, demos ? demos.ack.all.p99 < 100 : undefined);
  row('search p99 per question', '< 2 ms', search ? `${search.ask.allMs.p99.toFixed(3)} ms (n=${search.ask.calls})` : undefined, search ? search.ask.allMs.p99 < 2 : undefined);
  row(
    'RSS at the burst peak (largest burst)',
    '< 200 MB',
    bursts.length > 0 ? `${(Math.max(...bursts.map((b) => b.memory.peakRssMiB)) * MIB_TO_MB).toFixed(0)} MB (idle ${(bursts[0]!.memory.idleRssMiB * MIB_TO_MB).toFixed(0)} MB)` : undefined,
    bursts.length > 0 ? Math.max(...bursts.map((b) => b.memory.peakRssMiB)) * MIB_TO_MB < 200 : undefined,
  );
  row(
    'library load (issue 2), cold process',
    '< 300 ms',
    search ? `${search.load.coldProcess.loadMsMedian.toFixed(0)} ms (median of ${search.load.coldProcess.runs.length}; warm in-process ${search.load.fresh.loadMs.p50.toFixed(0)} ms)` : undefined,
    search ? search.load.coldProcess.loadMsMedian < 300 : undefined,
  );
  const slowest = render ? [...render.pictures].sort((a, b) => b.ms.p95 - a.ms.p95)[0] : undefined;
  row(
    'topology picture render p95 (issue 13)',
    '≤ 50 ms',
    render && slowest ? `${render.allMs.p95.toFixed(1)} ms over all pictures; slowest ${slowest.picture}: ${slowest.ms.p95.toFixed(1)} ms` : undefined,
    render && slowest ? render.allMs.p95 <= 50 && slowest.ms.p95 <= 50 : undefined,
  );
  // netlab's own targets for issue 12 (the issue asks for the figures, not for limits).
  const q = quiz?.latency;
  row('quiz answer p99, one member at a time', '< 100 ms', q ? `${q.sequentialAnswerMs.p99.toFixed(1)} ms (n=${q.sequentialAnswerMs.n})` : undefined, q ? q.sequentialAnswerMs.p99 < 100 && q.failures === 0 : undefined);
  row('quiz answer p99, 30 members at once', '< 1000 ms', q ? `${q.burstAnswerMs.p99.toFixed(1)} ms (n=${q.burstAnswerMs.n}, ${q.failures} failures)` : undefined, q ? q.burstAnswerMs.p99 < 1000 && q.failures === 0 : undefined);
  row(
    'database: quiz answers per second',
    '≥ 300/s',
    quiz ? `${quiz.writes.full.answersPerSec}/s (synchronous FULL; NORMAL: ${quiz.writes.normal.answersPerSec}/s)` : undefined,
    quiz ? quiz.writes.full.answersPerSec >= 300 : undefined,
  );
  return rows;
}

export function targetsTable(rows: readonly TargetRow[]): string {
  return renderTable('targets (issue 5, plus issue 2’s library load and issue 12’s quiz)', ['target', 'limit', 'measured', 'status'], rows.map((r) => [r.target, r.limit, r.measured, r.status]));
}
