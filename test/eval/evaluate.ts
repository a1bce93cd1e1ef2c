/**
 * Scores retrieval on an evaluation set: hit@1, hit@3, out-of-scope refusals and, for questions
 * that list facts, the share of answers that hold them (in the rendered answer: title + body).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { answerQuestion } from '../../src/commands/ask.ts';
import type { Library } from '../../src/content/library.ts';
import type { Lang } from '../../src/i18n.ts';

export interface EvalQuestion {
  readonly q: string;
  readonly lang: Lang;
  /** Acceptable topic keys, best first; empty for a question outside the library. */
  readonly expect: readonly string[];
  /** Strings the rendered answer must contain (commands, flags, keys, addresses, error text). */
  readonly facts?: readonly string[];
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
  /** In-scope questions that list facts. */
  readonly withFacts: number;
  /** Share of those whose answer holds every fact; null when none lists any. */
  readonly facts: number | null;
}

export interface EvalMiss {
  readonly q: string;
  readonly expect: readonly string[];
  readonly got: readonly string[];
  readonly covered: boolean;
  /** Facts the answer lacked. */
  readonly missingFacts?: readonly string[];
}

const DIR = new URL('./', import.meta.url);

/** Every set in test/eval/*.json: the development set and the held-out set first. */
export function evalSetNames(): string[] {
  const names = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
  const first = ['questions', 'heldout'];
  return [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n)).sort()];
}

export function loadQuestions(name: string): EvalQuestion[] {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, DIR), 'utf8')) as EvalQuestion[];
}

/** How answers and facts are compared: NFKC, lower case, Markdown escapes and whitespace runs folded. */
export function factText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, '$1').replace(/\s+/g, ' ');
}

export function missingFacts(library: Library, item: EvalQuestion): string[] {
  const answer = answerQuestion(library, library.ask(item.q, item.lang), item.lang);
  const text = factText(`${answer.title}\n${answer.body}`);
  return (item.facts ?? []).filter((f) => !text.includes(factText(f)));
}

export function evaluate(library: Library, questions: readonly EvalQuestion[]): { metrics: EvalMetrics; misses: EvalMiss[] } {
  let hit1 = 0;
  let hit3 = 0;
  let covered = 0;
  let refused = 0;
  let withFacts = 0;
  let heldFacts = 0;
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
    const lacking = item.facts && item.facts.length > 0 ? missingFacts(library, item) : [];
    if (item.facts && item.facts.length > 0) {
      withFacts++;
      if (lacking.length === 0) heldFacts++;
    }
    if (!top1 || lacking.length > 0) misses.push({ q: item.q, expect: item.expect, got: got.slice(0, 3), covered: answer.covered, ...(lacking.length > 0 ? { missingFacts: lacking } : {}) });
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
      withFacts,
      facts: withFacts === 0 ? null : ratio(heldFacts, withFacts),
    },
    misses,
  };
}
