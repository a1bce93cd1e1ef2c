/**
 * `netlab db backup FILE`: a consistent copy of the live database through SQLite's online backup
 * API, taken while the bot keeps answering (it copies in steps and starts over by itself if a
 * write lands in between), then opened and checked.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { NetlabError } from '../errors.ts';
import { schemaVersion } from './migrations.ts';

export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly pages: number;
  readonly schemaVersion: number;
  readonly integrity: string;
}

export class BackupTargetExistsError extends NetlabError {}

export async function backupDatabase(db: Database, target: string): Promise<BackupReport> {
  const file = resolve(target);
  // Never overwrite: a backup that replaced the last good one would defeat its purpose.
  if (existsSync(file)) throw new BackupTargetExistsError(`${file} already exists; choose a new file name`);
  const { totalPages } = await db.backup(file);
  const copy = new BetterSqlite3(file, { readonly: true });
  try {
    return { file, bytes: statSync(file).size, pages: totalPages, schemaVersion: schemaVersion(copy), integrity: copy.pragma('integrity_check', { simple: true }) as string };
  } finally {
    copy.close();
  }
}
