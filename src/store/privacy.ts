/**
 * /forget-me: everything netlab keeps about one member, in every server, counted and deleted in
 * one transaction. Server settings stay (they belong to the server), but the member's id as their
 * last editor is replaced.
 */
import type { Database } from 'better-sqlite3';

export interface MemberRecords {
  readonly answers: number;
  readonly reads: number;
  readonly demos: number;
  readonly boxes: number;
  /** Servers (and `dm`, `local`) holding any of it, an open question included. */
  readonly scopes: number;
}

/** What a server's settings show as their last editor after that member asked to be forgotten. */
export const FORGOTTEN = 'forgotten';

const PERSONAL_TABLES = ['activity', 'quiz_open', 'quiz_answers', 'leitner', 'leaderboard_opt_out'] as const;

export class PrivacyRepo {
  private readonly countAll;
  private readonly deletes;
  private readonly unsign;

  constructor(private readonly db: Database) {
    this.countAll = db.prepare<string[], MemberRecords>(`
      SELECT
        (SELECT COUNT(*) FROM quiz_answers WHERE user_id = ?) AS answers,
        (SELECT COUNT(*) FROM activity WHERE user_id = ? AND kind = 'read') AS reads,
        (SELECT COUNT(*) FROM activity WHERE user_id = ? AND kind = 'demo') AS demos,
        (SELECT COUNT(*) FROM leitner WHERE user_id = ?) AS boxes,
        (SELECT COUNT(*) FROM (
          SELECT scope FROM quiz_answers WHERE user_id = ? UNION SELECT scope FROM activity WHERE user_id = ?
          UNION SELECT scope FROM leitner WHERE user_id = ? UNION SELECT scope FROM leaderboard_opt_out WHERE user_id = ?
          UNION SELECT scope FROM quiz_open WHERE user_id = ?)) AS scopes`);
    this.deletes = PERSONAL_TABLES.map((t) => db.prepare<[string]>(`DELETE FROM ${t} WHERE user_id = ?`));
    this.unsign = db.prepare<[string, string]>('UPDATE server_settings SET updated_by = ? WHERE updated_by = ?');
  }

  records(userId: string): MemberRecords {
    return this.countAll.get(...Array.from({ length: 9 }, () => userId))!;
  }

  /** Deletes every record of the member; returns how many rows went. */
  forget(userId: string): number {
    return this.db
      .transaction(() => this.deletes.reduce((n, d) => n + d.run(userId).changes, 0) + this.unsign.run(FORGOTTEN, userId).changes)
      .immediate();
  }
}
