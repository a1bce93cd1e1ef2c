/**
 * netlab's persistent state, one SQLite file (NETLAB_DB): server settings, what members read and
 * ran, quiz answers and Leitner boxes, leaderboard preferences. Commands use it through the repos
 * below; nothing else touches the database.
 */
import type { CompanionConfig } from '../config.ts';
import { NetlabError } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { ActivityRepo } from './activity.ts';
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
}

export class StoreOpenError extends NetlabError {}

export class Store {
  readonly settings: SettingsRepo;
  readonly activity: ActivityRepo;

  private constructor(
    private readonly db: Database,
    readonly path: string,
    readonly now: () => number,
    defaults: SettingsDefaults,
    logger: Logger,
  ) {
    this.settings = new SettingsRepo(db, defaults, now);
    this.activity = new ActivityRepo(db, now, logger);
  }

  static open(options: StoreOptions): Store {
    let db: Database;
    try {
      db = openDatabase(options.path);
    } catch (error) {
      throw new StoreOpenError(`NETLAB_DB: cannot open ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    return new Store(db, options.path, options.now ?? (() => Date.now()), options.defaults, options.logger ?? silentLogger());
  }

  /** A store that keeps nothing after the process ends, for tests and throwaway runs. */
  static memory(defaults: Partial<SettingsDefaults> = {}, now?: () => number): Store {
    return Store.open({ path: IN_MEMORY, defaults: { ...companionDefaults(), ...defaults }, ...(now ? { now } : {}) });
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The deployment's defaults for every server, from the environment (src/config.ts). */
export function companionDefaults(config?: CompanionConfig): SettingsDefaults {
  return { defaultLang: config?.defaultLang ?? 'en', quiz: config?.quiz ?? true, leaderboard: config?.leaderboard ?? true };
}
