/**
 * A member's progress in one server, for /progress and `netlab progress --json`: topics read,
 * demos run per scenario, quiz accuracy per topic, the streak of days with any study, and what to
 * do next.
 */
import type { Library } from '../content/library.ts';
import { CORE_TOPICS } from '../content/topic.ts';
import { SCENARIOS } from '../demos/registry.ts';
import type { QuizBank } from '../quiz/bank.ts';
import { weakness } from '../quiz/pick.ts';
import type { Member, Store } from '../store/store.ts';

const DAY = 86_400_000;

export interface NextStep {
  readonly command: 'quiz' | 'learn' | 'demo';
  readonly argument: string | null;
  readonly reason: 'due' | 'weak' | 'related' | 'start-here' | 'see-it-live';
  /** How many questions are due (for `due`), or the topic's score (for `weak`). */
  readonly detail?: { readonly due?: number; readonly right?: number; readonly total?: number };
}

export interface ProgressReport {
  readonly topicsRead: readonly { readonly topic: string; readonly times: number }[];
  readonly topicsTotal: number;
  readonly demos: readonly { readonly scenario: string; readonly runs: number }[];
  /** Weakest first. */
  readonly quiz: readonly { readonly topic: string; readonly right: number; readonly total: number }[];
  readonly dueQuestions: number;
  /** Days in a row (UTC) with a topic read, a demo run or a quiz answer, ending today or yesterday. */
  readonly streakDays: number;
  readonly studiedToday: boolean;
  readonly nextUp: readonly NextStep[];
}

/** Consecutive UTC days with activity, counted back from today (or from yesterday, if today has none yet). */
export function streak(times: readonly number[], now: number): { days: number; today: boolean } {
  const days = new Set(times.map((t) => Math.floor(t / DAY)));
  const today = Math.floor(now / DAY);
  let day = days.has(today) ? today : today - 1;
  let count = 0;
  while (days.has(day)) {
    count++;
    day--;
  }
  return { days: count, today: days.has(today) };
}

export function progressReport(deps: { store: Store; bank: QuizBank; library: Library }, member: Member, options: { quizOn: boolean }): ProgressReport {
  const { store, bank, library } = deps;
  const now = store.now();
  const read = store.activity.counts(member, 'read').map((r) => ({ topic: r.subject, times: r.count }));
  const demos = store.activity.counts(member, 'demo').map((r) => ({ scenario: r.subject, runs: r.count }));
  const scores = store.quiz.scores(member);
  const quiz = [...scores].map(([topic, s]) => ({ topic, ...s })).sort((a, b) => weakness(a) - weakness(b) || a.topic.localeCompare(b.topic));
  const boxes = store.quiz.boxes(member);
  const due = bank.items.filter((i) => (boxes.get(i.id)?.dueAt ?? 0) <= now);
  const { days, today } = streak([...store.activity.activityTimes(member), ...store.quiz.answerTimes(member)], now);

  const readSet = new Set(read.map((r) => r.topic));
  const ranSet = new Set(demos.map((d) => d.scenario));
  const nextUp: NextStep[] = [];
  const weakest = quiz.find((q) => q.right < q.total && bank.ofTopic(q.topic).some((i) => due.includes(i)));
  if (options.quizOn && weakest) nextUp.push({ command: 'quiz', argument: weakest.topic, reason: 'weak', detail: { right: weakest.right, total: weakest.total } });
  else if (options.quizOn && due.length > 0) nextUp.push({ command: 'quiz', argument: null, reason: 'due', detail: { due: due.length } });
  const related = read.flatMap((r) => library.get(r.topic)?.docs.en.related ?? []).find((id) => !readSet.has(id) && library.get(id));
  const fresh = related ?? CORE_TOPICS.find((id) => !readSet.has(id));
  if (fresh) nextUp.push({ command: 'learn', argument: fresh, reason: related ? 'related' : 'start-here' });
  const live = SCENARIOS.find((s) => readSet.has(s.topicId) && !ranSet.has(s.name));
  if (live) nextUp.push({ command: 'demo', argument: live.name, reason: 'see-it-live' });

  return { topicsRead: read, topicsTotal: library.topics.length, demos, quiz, dueQuestions: due.length, streakDays: days, studiedToday: today, nextUp };
}
