/**
 * netlab's persistent state, one SQLite file (NETLAB_DB): server settings, what members read and
 * ran, quiz answers and Leitner boxes, leaderboard preferences. Commands use it through the repos
 * below; nothing else touches the database.
 */
import type { CompanionConfig } from '../config.ts';
import { NetlabError } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { ActivityRepo } from './activity.ts';
import { backupDatabase, type BackupReport } from './backup.ts';
import { LeaderboardRepo } from './leaderboard.ts';
import { PrivacyRepo } from './privacy.ts';
import { QuizRepo } from './quiz.ts';
import { IN_MEMORY, openDatabase, type Database } from './database.ts';
import { schemaVersion } from './migrations.ts';
import { SettingsRepo, type SettingsDefaults } from './settings.ts';

/** A member as the store keys them: per server (`scope`), by Discord user id. */
export interface Member {
  /** The server id; `dm` in direct messages; `local` in the console and the shell. */
  readonly scope: string;
  readonly userId: string;
}

export interface StoreOptions {
  readonly path: string;
  readonly defaults: SettingsDefaults;
  /** The clock every record is stamped with; tests move it with fake timers. */
  readonly now?: () => number;
  readonly logger?: Logger;
  /** How long a member has to answer a question (NETLAB_QUIZ_TIMEOUT_SEC). */
  readonly quizTimeoutMs?: number;
}

export const DEFAULT_QUIZ_TIMEOUT_MS = 120_000;

export class StoreOpenError extends NetlabError {}

export class Store {
  readonly settings: SettingsRepo;
  readonly activity: ActivityRepo;
  readonly quiz: QuizRepo;
  readonly leaderboard: LeaderboardRepo;
  readonly privacy: PrivacyRepo;

  private constructor(
    private readonly db: Database,
    readonly path: string,
    readonly now: () => number,
    options: StoreOptions,
  ) {
    this.settings = new SettingsRepo(db, options.defaults, now);
    this.activity = new ActivityRepo(db, now, options.logger ?? silentLogger());
    this.quiz = new QuizRepo(db, now, options.quizTimeoutMs ?? DEFAULT_QUIZ_TIMEOUT_MS);
    this.leaderboard = new LeaderboardRepo(db, now);
    this.privacy = new PrivacyRepo(db);
  }

  static open(options: StoreOptions): Store {
    let db: Database;
    try {
      db = openDatabase(options.path);
    } catch (error) {
      throw new StoreOpenError(`NETLAB_DB: cannot open ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    return new Store(db, options.path, options.now ?? (() => Date.now()), options);
  }

  /** A store that keeps nothing after the process ends, for tests and throwaway runs. */
  static memory(defaults: Partial<SettingsDefaults> = {}, options: Partial<Omit<StoreOptions, 'path' | 'defaults'>> = {}): Store {
    return Store.open({ ...options, path: IN_MEMORY, defaults: { ...companionDefaults(), ...defaults } });
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** A checked copy of the live database in `file`, which must not exist yet. */
  backup(file: string): Promise<BackupReport> {
    return backupDatabase(this.db, file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The deployment's defaults for every server, from the environment (src/config.ts). */
export function companionDefaults(config?: CompanionConfig): SettingsDefaults {
  return { defaultLang: config?.defaultLang ?? 'en', quiz: config?.quiz ?? true, leaderboard: config?.leaderboard ?? true };
}
