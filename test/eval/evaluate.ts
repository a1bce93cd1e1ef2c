/** Scores retrieval on an evaluation set: hit@1, hit@3 and out-of-scope refusals, per language. */
import { readFileSync } from 'node:fs';
import type { Library } from '../../src/content/library.ts';
import type { Lang } from '../../src/i18n.ts';

export interface EvalQuestion {
  readonly q: string;
  readonly lang: Lang;
  /** Acceptable topic keys, best first; empty for a question outside the library. */
  readonly expect: readonly string[];
}

export interface EvalMetrics {
  readonly inScope: number;
  readonly outOfScope: number;
  readonly hit1: number;
  readonly hit3: number;
  /** Share of in-scope questions answered as covered. */
  readonly coveredRate: number;
  /** Share of out-of-scope questions refused (covered: false). */
  readonly outOfScopeRefused: number;
}

export interface EvalMiss {
  readonly q: string;
  readonly expect: readonly string[];
  readonly got: readonly string[];
  readonly covered: boolean;
}

export function loadQuestions(name: 'questions' | 'heldout'): EvalQuestion[] {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as EvalQuestion[];
}

export function evaluate(library: Library, questions: readonly EvalQuestion[]): { metrics: EvalMetrics; misses: EvalMiss[] } {
  let hit1 = 0;
  let hit3 = 0;
  let covered = 0;
  let refused = 0;
  const misses: EvalMiss[] = [];
  const inScope = questions.filter((q) => q.expect.length > 0);
  for (const item of questions) {
    const answer = library.ask(item.q, item.lang);
    const got = answer.results.map((r) => r.id);
    if (item.expect.length === 0) {
      if (!answer.covered) refused++;
      else misses.push({ q: item.q, expect: [], got, covered: true });
      continue;
    }
    const top1 = answer.covered && item.expect.includes(got[0] ?? '');
    const top3 = answer.covered && got.slice(0, 3).some((id) => item.expect.includes(id));
    if (top1) hit1++;
    if (top3) hit3++;
    if (answer.covered) covered++;
    if (!top1) misses.push({ q: item.q, expect: item.expect, got: got.slice(0, 3), covered: answer.covered });
  }
  const outOfScope = questions.length - inScope.length;
  const ratio = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);
  return {
    metrics: {
      inScope: inScope.length,
      outOfScope,
      hit1: ratio(hit1, inScope.length),
      hit3: ratio(hit3, inScope.length),
      coveredRate: ratio(covered, inScope.length),
      outOfScopeRefused: ratio(refused, outOfScope),
    },
    misses,
  };
}
