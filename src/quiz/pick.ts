/**
 * Which question a member gets next. Without a topic: an item that is due (never answered, or
 * past its Leitner rest), from the member's weakest topic first; among equally weak topics the
 * ones they have read come first, and reviews before new items. With a topic: a due item of that
 * topic, or else the one due soonest (the member asked to practise it).
 */
import type { QuizItem } from './bank.ts';

export interface Box {
  readonly box: number;
  readonly dueAt: number;
}

export interface TopicScore {
  readonly right: number;
  readonly total: number;
}

export interface PickInput {
  readonly items: readonly QuizItem[];
  readonly boxes: ReadonlyMap<string, Box>;
  readonly scores: ReadonlyMap<string, TopicScore>;
  /** Topics the member has read (/learn, /ask). */
  readonly read: ReadonlySet<string>;
  readonly now: number;
  readonly topic?: string | undefined;
  /** Breaks ties between equally good items; Math.random in production. */
  readonly random: () => number;
}

export type Pick = { readonly item: QuizItem; readonly due: boolean } | { readonly item: undefined; readonly nextDueAt: number };

/** Laplace-smoothed accuracy: an unseen topic counts as 50 %, one miss as weaker than that. */
export function weakness(score: TopicScore | undefined): number {
  return ((score?.right ?? 0) + 1) / ((score?.total ?? 0) + 2);
}

export function pickItem(input: PickInput): Pick {
  const pool = input.topic ? input.items.filter((i) => i.topic === input.topic) : input.items;
  const isDue = (i: QuizItem) => (input.boxes.get(i.id)?.dueAt ?? 0) <= input.now;
  const due = pool.filter(isDue);
  if (due.length === 0) {
    const soonest = [...pool].sort((a, b) => input.boxes.get(a.id)!.dueAt - input.boxes.get(b.id)!.dueAt)[0];
    if (input.topic && soonest) return { item: soonest, due: false };
    return { item: undefined, nextDueAt: soonest ? input.boxes.get(soonest.id)!.dueAt : Number.POSITIVE_INFINITY };
  }
  const ranked = due
    .map((item) => ({ item, tie: input.random() }))
    .sort((a, b) => {
      const ba = input.boxes.get(a.item.id);
      const bb = input.boxes.get(b.item.id);
      return (
        weakness(input.scores.get(a.item.topic)) - weakness(input.scores.get(b.item.topic)) ||
        Number(input.read.has(b.item.topic)) - Number(input.read.has(a.item.topic)) ||
        Number(ba === undefined) - Number(bb === undefined) || // reviews before new items
        (ba?.box ?? 0) - (bb?.box ?? 0) ||
        (ba?.dueAt ?? 0) - (bb?.dueAt ?? 0) ||
        a.tie - b.tie
      );
    });
  return { item: ranked[0]!.item, due: true };
}

/** The order a question's choices are shown in: 0 is the right answer, 1… the distractors. */
export function shuffledChoices(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
