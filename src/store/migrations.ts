/**
 * The database schema, as an ordered list of versioned migrations. PRAGMA user_version holds the
 * version a file is at; opening a file applies every later migration, each in its own transaction,
 * so a crash between two leaves the file at the last version that completed. Migrations are only
 * ever appended: a released migration is never edited, since files in the wild are already past it.
 */
import type { Database } from 'better-sqlite3';
import { NetlabError } from '../errors.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

// Every table is keyed by `scope` (the Discord server id, or `dm` / `local`) and user id: data
// is kept per server, and /forget-me finds all of a member's rows by user id.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'server settings',
    sql: `
      CREATE TABLE server_settings (
        scope TEXT PRIMARY KEY,
        demo_channels TEXT,          -- JSON array of channel ids; NULL: every channel
        host_scenario INTEGER,       -- NULL in any column: the deployment's default
        default_lang TEXT,
        quiz_enabled INTEGER,
        leaderboard_enabled INTEGER,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;`,
  },
  {
    version: 2,
    name: 'activity: topics read, demos run',
    sql: `
      CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('read', 'demo')),
        subject TEXT NOT NULL,       -- a topic key or a scenario name
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX activity_by_member ON activity (user_id, scope, kind, subject);`,
  },
  {
    version: 3,
    name: 'quiz: open questions, answers, Leitner boxes',
    sql: `
      CREATE TABLE quiz_open (
        id TEXT PRIMARY KEY,         -- in the answer buttons' custom ids
        scope TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        lang TEXT NOT NULL,
        choice_order TEXT NOT NULL,  -- JSON array: the choices as shown; 0 is the right answer
        asked_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        UNIQUE (scope, user_id)      -- one open question per member and server
      ) STRICT;
      CREATE TABLE quiz_answers (
        id INTEGER PRIMARY KEY,
        quiz_id TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        chosen INTEGER NOT NULL,     -- 0 the right answer, 1… the item's distractors
        correct INTEGER NOT NULL,
        answered_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX quiz_answers_by_member ON quiz_answers (user_id, scope, topic);
      CREATE INDEX quiz_answers_by_server ON quiz_answers (scope, answered_at);
      CREATE TABLE leitner (
        scope TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
        due_at INTEGER NOT NULL,
        PRIMARY KEY (scope, user_id, item_id)
      ) STRICT, WITHOUT ROWID;`,
  },
  {
    version: 4,
    name: 'leaderboard opt-out',
    sql: `
      CREATE TABLE leaderboard_opt_out (
        scope TEXT NOT NULL,
        user_id TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (scope, user_id)
      ) STRICT, WITHOUT ROWID;`,
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;

export class DatabaseTooNewError extends NetlabError {
  constructor(
    readonly path: string,
    readonly version: number,
  ) {
    super(`${path} is at schema version ${version}, newer than this netlab knows (${LATEST_VERSION}). Run the netlab version that wrote it, or restore a backup.`);
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the file up to `target` (the latest by default); returns the versions applied. */
export function migrate(db: Database, target = LATEST_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) throw new DatabaseTooNewError(db.name, current);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
