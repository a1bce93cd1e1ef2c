/**
 * The leaderboard of one server: right quiz answers per member, this week (from Monday 00:00 UTC)
 * or all time. Members who opted out are left out of the ranking entirely; their answers still
 * count for their own /progress.
 */
import type { Database } from 'better-sqlite3';
import type { Member } from './store.ts';

export interface Standing {
  /** Competition ranking: equal scores share a rank (1, 2, 2, 4). */
  readonly rank: number;
  readonly userId: string;
  readonly right: number;
  readonly answered: number;
}

/** Monday 00:00 UTC of the week `now` falls in. */
export function weekStart(now: number): number {
  const d = new Date(now);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday);
}

export class LeaderboardRepo {
  private readonly rows;
  private readonly optOutRow;
  private readonly insertOptOut;
  private readonly deleteOptOut;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.rows = db.prepare<[string, number, string], { user_id: string; right: number; answered: number }>(`
      SELECT user_id, SUM(correct) AS right, COUNT(*) AS answered FROM quiz_answers
      WHERE scope = ? AND answered_at >= ? AND user_id NOT IN (SELECT user_id FROM leaderboard_opt_out WHERE scope = ?)
      GROUP BY user_id HAVING right > 0
      ORDER BY right DESC, answered ASC, MIN(answered_at) ASC`);
    this.optOutRow = db.prepare<[string, string], { since: number }>('SELECT since FROM leaderboard_opt_out WHERE scope = ? AND user_id = ?');
    this.insertOptOut = db.prepare('INSERT OR IGNORE INTO leaderboard_opt_out (scope, user_id, since) VALUES (?, ?, ?)');
    this.deleteOptOut = db.prepare('DELETE FROM leaderboard_opt_out WHERE scope = ? AND user_id = ?');
  }

  /** Everyone listed in the server since `since` (ms), best first. */
  standings(scope: string, since: number): Standing[] {
    const rows = this.rows.all(scope, since, scope);
    return rows.map((r) => ({
      rank: rows.findIndex((o) => o.right === r.right) + 1,
      userId: r.user_id,
      right: r.right,
      answered: r.answered,
    }));
  }

  optedOut(member: Member): boolean {
    return this.optOutRow.get(member.scope, member.userId) !== undefined;
  }

  setOptOut(member: Member, optOut: boolean): void {
    if (optOut) this.insertOptOut.run(member.scope, member.userId, this.now());
    else this.deleteOptOut.run(member.scope, member.userId);
  }
}
