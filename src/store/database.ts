/**
 * Opens netlab's SQLite file: WAL mode (readers never wait for the writer), full sync (a commit
 * is on disk before the member hears "saved", even across a power cut), and a busy timeout so a
 * second process (`netlab quiz` next to the bot, a backup) waits its turn instead of failing.
 * One connection per process does all the writing; better-sqlite3 is synchronous, so writes
 * never interleave within it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type { Database };

export const IN_MEMORY = ':memory:';

export function openDatabase(path: string): Database {
  const file = path === IN_MEMORY ? path : resolve(path);
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('busy_timeout = 5000');
    if (file !== IN_MEMORY) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
