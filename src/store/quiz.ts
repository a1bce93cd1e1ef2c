/**
 * Quiz state: the one open question per member and server, every answer, and the Leitner box of
 * every item a member has answered. An answer is one transaction (the open question closed, the
 * answer kept, the box moved), committed before the member is told the result: an answer the
 * member saw acknowledged survives any crash after it.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Lang } from '../i18n.ts';
import { dueAfter, nextBox } from '../quiz/leitner.ts';
import type { Box, TopicScore } from '../quiz/pick.ts';
import type { Member } from './store.ts';

export interface OpenQuiz {
  readonly id: string;
  readonly member: Member;
  readonly itemId: string;
  readonly lang: Lang;
  /** The choices as shown: 0 is the right answer, 1… the item's distractors. */
  readonly order: readonly number[];
  readonly askedAt: number;
  readonly expiresAt: number;
}

export interface RecordedAnswer {
  readonly correct: boolean;
  readonly box: number;
  readonly dueAt: number;
}

interface OpenRow {
  id: string;
  scope: string;
  user_id: string;
  item_id: string;
  lang: string;
  choice_order: string;
  asked_at: number;
  expires_at: number;
}

const toOpen = (r: OpenRow): OpenQuiz => ({
  id: r.id,
  member: { scope: r.scope, userId: r.user_id },
  itemId: r.item_id,
  lang: r.lang === 'zh' ? 'zh' : 'en',
  order: JSON.parse(r.choice_order) as number[],
  askedAt: r.asked_at,
  expiresAt: r.expires_at,
});

const STALE_AFTER_MS = 24 * 60 * 60_000;

/** An id for the buttons of one question: unguessable, short enough for a custom id. */
export const QUIZ_ID = /^[0-9a-f]{16}$/;
const newQuizId = () => randomBytes(8).toString('hex');

export class QuizRepo {
  private readonly openOfMember;
  private readonly openById;
  private readonly insertOpen;
  private readonly deleteOpen;
  private readonly deleteStale;
  private readonly insertAnswer;
  private readonly boxOf;
  private readonly upsertBox;
  private readonly allBoxes;
  private readonly scoresOf;
  private readonly answerAt;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    readonly timeoutMs: number,
  ) {
    this.openOfMember = db.prepare<[string, string], OpenRow>('SELECT * FROM quiz_open WHERE scope = ? AND user_id = ?');
    this.openById = db.prepare<[string], OpenRow>('SELECT * FROM quiz_open WHERE id = ?');
    this.insertOpen = db.prepare('INSERT INTO quiz_open (id, scope, user_id, item_id, lang, choice_order, asked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.deleteOpen = db.prepare<[string]>('DELETE FROM quiz_open WHERE id = ?');
    this.deleteStale = db.prepare<[number]>('DELETE FROM quiz_open WHERE expires_at < ?');
    this.insertAnswer = db.prepare('INSERT INTO quiz_answers (quiz_id, scope, user_id, item_id, topic, chosen, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.boxOf = db.prepare<[string, string, string], { box: number }>('SELECT box FROM leitner WHERE scope = ? AND user_id = ? AND item_id = ?');
    this.upsertBox = db.prepare(
      'INSERT INTO leitner (scope, user_id, item_id, box, due_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, user_id, item_id) DO UPDATE SET box = excluded.box, due_at = excluded.due_at',
    );
    this.allBoxes = db.prepare<[string, string], { item_id: string; box: number; due_at: number }>('SELECT item_id, box, due_at FROM leitner WHERE scope = ? AND user_id = ?');
    this.scoresOf = db.prepare<[string, string], { topic: string; right: number; total: number }>(
      'SELECT topic, SUM(correct) AS right, COUNT(*) AS total FROM quiz_answers WHERE user_id = ? AND scope = ? GROUP BY topic ORDER BY topic',
    );
    this.answerAt = db.prepare<[string, string], { at: number }>('SELECT answered_at AS at FROM quiz_answers WHERE user_id = ? AND scope = ? ORDER BY answered_at');
  }

  /** The member's open question, if it has not expired. */
  open(member: Member): OpenQuiz | undefined {
    const row = this.openOfMember.get(member.scope, member.userId);
    return row && row.expires_at > this.now() ? toOpen(row) : undefined;
  }

  /** The member's question, expired or not (for `netlab quiz --answer`, which may come late). */
  latest(member: Member): OpenQuiz | undefined {
    const row = this.openOfMember.get(member.scope, member.userId);
    return row && toOpen(row);
  }

  /** A question by the id its buttons carry, expired or not. */
  byId(id: string): OpenQuiz | undefined {
    const row = QUIZ_ID.test(id) ? this.openById.get(id) : undefined;
    return row && toOpen(row);
  }

  /** Opens a question, replacing an expired one; returns the member's live question instead when there is one. */
  start(member: Member, itemId: string, lang: Lang, order: readonly number[]): { started: OpenQuiz } | { alreadyOpen: OpenQuiz } {
    return this.db
      .transaction(() => {
        const existing = this.openOfMember.get(member.scope, member.userId);
        const now = this.now();
        if (existing && existing.expires_at > now) return { alreadyOpen: toOpen(existing) };
        if (existing) this.deleteOpen.run(existing.id);
        // Questions nobody came back to are kept a day past their time (a late click still shows the answer), then dropped.
        this.deleteStale.run(now - STALE_AFTER_MS);
        const quiz: OpenQuiz = { id: newQuizId(), member, itemId, lang, order, askedAt: now, expiresAt: now + this.timeoutMs };
        this.insertOpen.run(quiz.id, member.scope, member.userId, itemId, lang, JSON.stringify(order), quiz.askedAt, quiz.expiresAt);
        return { started: quiz };
      })
      .immediate();
  }

  /**
   * Closes the question with the member's choice (0 = right) and moves the item's box, in one
   * transaction. Undefined when the question was already closed (answered or expired elsewhere).
   */
  answer(quiz: OpenQuiz, topic: string, chosen: number): RecordedAnswer | undefined {
    return this.db
      .transaction(() => {
        if (this.deleteOpen.run(quiz.id).changes === 0) return undefined;
        const { scope, userId } = quiz.member;
        const now = this.now();
        const correct = chosen === 0;
        const box = nextBox(this.boxOf.get(scope, userId, quiz.itemId)?.box, correct);
        const dueAt = dueAfter(box, now);
        this.insertAnswer.run(quiz.id, scope, userId, quiz.itemId, topic, chosen, correct ? 1 : 0, now);
        this.upsertBox.run(scope, userId, quiz.itemId, box, dueAt);
        return { correct, box, dueAt };
      })
      .immediate();
  }

  /** Closes a question without an answer (it timed out): its item stays as due as it was. */
  close(quizId: string): void {
    this.deleteOpen.run(quizId);
  }

  boxes(member: Member): Map<string, Box> {
    return new Map(this.allBoxes.all(member.scope, member.userId).map((r) => [r.item_id, { box: r.box, dueAt: r.due_at }]));
  }

  /** Right and total answers per topic. */
  scores(member: Member): Map<string, TopicScore> {
    return new Map(this.scoresOf.all(member.userId, member.scope).map((r) => [r.topic, { right: r.right, total: r.total }]));
  }

  /** When the member answered, oldest first (for the streak). */
  answerTimes(member: Member): number[] {
    return this.answerAt.all(member.userId, member.scope).map((r) => r.at);
  }
}
