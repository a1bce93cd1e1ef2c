// Versioned migrations: a file at any earlier version, holding data, is brought forward to the
// latest schema without losing a row; the result is the same schema a fresh file gets; a file
// from a newer netlab is refused rather than damaged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { DatabaseTooNewError, LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../src/store/migrations.ts';

/** Rows written at the version that introduced each table, and how to find them afterwards. */
const SEEDS: Record<number, { insert: string; check: string; expected: unknown }> = {
  1: {
    insert: `INSERT INTO server_settings (scope, demo_channels, host_scenario, default_lang, quiz_enabled, leaderboard_enabled, updated_by, updated_at)
             VALUES ('1300000000000000100', '["1300000000000000200"]', 0, 'zh', NULL, 1, '1300000000000000300', 1700000000000)`,
    check: `SELECT demo_channels, host_scenario, default_lang, quiz_enabled FROM server_settings WHERE scope = '1300000000000000100'`,
    expected: { demo_channels: '["1300000000000000200"]', host_scenario: 0, default_lang: 'zh', quiz_enabled: null },
  },
  2: {
    insert: `INSERT INTO activity (scope, user_id, kind, subject, at) VALUES ('1300000000000000100', '1300000000000000300', 'read', 'mode-none', 1700000000000)`,
    check: `SELECT kind, subject, at FROM activity WHERE user_id = '1300000000000000300'`,
    expected: { kind: 'read', subject: 'mode-none', at: 1700000000000 },
  },
  3: {
    insert: `INSERT INTO quiz_answers (quiz_id, scope, user_id, item_id, topic, chosen, correct, answered_at)
               VALUES ('0123456789abcdef', '1300000000000000100', '1300000000000000300', 'none-only-lo', 'mode-none', 0, 1, 1700000000000);
             INSERT INTO leitner (scope, user_id, item_id, box, due_at) VALUES ('1300000000000000100', '1300000000000000300', 'none-only-lo', 2, 1700086400000);
             INSERT INTO quiz_open (id, scope, user_id, item_id, lang, choice_order, asked_at, expires_at)
               VALUES ('fedcba9876543210', '1300000000000000100', '1300000000000000300', 'host-no-own-ip', 'zh', '[2,0,1,3]', 1700000000000, 1700000120000)`,
    check: `SELECT a.correct, l.box, o.choice_order FROM quiz_answers a JOIN leitner l USING (item_id) JOIN quiz_open o USING (user_id)`,
    expected: { correct: 1, box: 2, choice_order: '[2,0,1,3]' },
  },
  4: {
    insert: `INSERT INTO leaderboard_opt_out (scope, user_id, since) VALUES ('1300000000000000100', '1300000000000000300', 1700000000000)`,
    check: `SELECT since FROM leaderboard_opt_out WHERE user_id = '1300000000000000300'`,
    expected: { since: 1700000000000 },
  },
};

function schema(db: Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string; sql: string }[]).map(
    (r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, ' ')}`,
  );
}

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-migrate-'));
  dirs.push(dir);
  return join(dir, 'netlab.db');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps, and every version has seed data in this test', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(SEEDS[m.version], `seed rows for migration ${m.version} (${m.name})`).toBeDefined();
  });

  it.each(Array.from({ length: LATEST_VERSION }, (_, v) => v))('bring a file at version %i forward to the latest, keeping its rows', (start) => {
    const path = tempFile();
    const old = new BetterSqlite3(path);
    migrate(old, start);
    expect(schemaVersion(old)).toBe(start);
    for (let v = 1; v <= start; v++) old.exec(SEEDS[v]!.insert);
    old.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    for (let v = 1; v <= start; v++) expect(db.prepare(SEEDS[v]!.check).get(), `rows of version ${v}`).toEqual(SEEDS[v]!.expected);
    const fresh = openDatabase(':memory:');
    expect(schema(db)).toEqual(schema(fresh));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    fresh.close();
  });

  it('leave a file that is already current alone', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuse a file written by a newer netlab, and leave it as it was', () => {
    const path = tempFile();
    const future = new BetterSqlite3(path);
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    const after = new BetterSqlite3(path);
    expect(schemaVersion(after)).toBe(LATEST_VERSION + 1);
    after.close();
  });

  it('open files in WAL mode with full sync', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});
