/**
 * Leitner boxes, one per member and item: a right answer moves the item up a box, a wrong one
 * back to box 1, and each box waits longer before the item is due again. Box 1 waits ten minutes,
 * so a missed question comes back in the same study session but not straight away.
 */
export const BOXES = 5;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How long an item rests in each box (index = box) before it is due again. */
export const REST_MS: readonly number[] = [0, 10 * MINUTE, 1 * DAY, 3 * DAY, 7 * DAY, 16 * DAY];

/** The box after an answer; `box` is undefined for an item the member has never answered. */
export function nextBox(box: number | undefined, correct: boolean): number {
  if (!correct) return 1;
  return Math.min(BOXES, (box ?? 1) + 1);
}

export function dueAfter(box: number, answeredAt: number): number {
  return answeredAt + REST_MS[box]!;
}
