/**
 * What members do besides quizzes, for /progress: the topics they read (/learn, a covered /ask,
 * a topic button) and the demos they ran. Recording is best effort: a member who asked for a
 * topic gets it even when the database cannot take the note.
 */
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log.ts';
import type { Member } from './store.ts';

export type ActivityKind = 'read' | 'demo';

export interface SubjectCount {
  readonly subject: string;
  readonly count: number;
}

export class ActivityRepo {
  private readonly insert;
  private readonly bySubject;
  private readonly times;

  constructor(
    db: Database,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {
    this.insert = db.prepare('INSERT INTO activity (scope, user_id, kind, subject, at) VALUES (?, ?, ?, ?, ?)');
    this.bySubject = db.prepare<[string, string, string], SubjectCount>(
      'SELECT subject, COUNT(*) AS count FROM activity WHERE user_id = ? AND scope = ? AND kind = ? GROUP BY subject ORDER BY count DESC, subject',
    );
    this.times = db.prepare<[string, string], { at: number }>('SELECT at FROM activity WHERE user_id = ? AND scope = ? ORDER BY at');
  }

  record(member: Member, kind: ActivityKind, subject: string): void {
    try {
      this.insert.run(member.scope, member.userId, kind, subject, this.now());
    } catch (error) {
      this.logger.warn({ err: error, kind }, 'could not record activity; the member’s answer is unaffected');
    }
  }

  counts(member: Member, kind: ActivityKind): SubjectCount[] {
    return this.bySubject.all(member.userId, member.scope, kind);
  }

  /** When the member read or ran anything, oldest first (for the streak). */
  activityTimes(member: Member): number[] {
    return this.times.all(member.userId, member.scope).map((r) => r.at);
  }
}
