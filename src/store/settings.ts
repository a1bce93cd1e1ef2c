/**
 * Server settings (/settings): stored per server, read on every interaction, so a change takes
 * effect at once. A column left NULL means "the deployment's default" (the environment), so an
 * organiser who never touched a setting follows the deployment when it changes.
 */
import type { Database } from 'better-sqlite3';
import type { Lang } from '../i18n.ts';

export interface SettingsDefaults {
  readonly defaultLang: Lang;
  readonly quiz: boolean;
  readonly leaderboard: boolean;
}

/** What applies in one server right now. */
export interface ServerSettings {
  /** Channels where /demo may run; null: every channel. */
  readonly demoChannels: readonly string[] | null;
  /** The server's own switch; the deployment's SANDBOX_HOST_SCENARIO can still rule host out everywhere. */
  readonly hostScenario: boolean;
  readonly defaultLang: Lang;
  readonly quiz: boolean;
  readonly leaderboard: boolean;
  /** Who changed them last, and when (ms); null while the server uses the defaults. */
  readonly updatedBy: string | null;
  readonly updatedAt: number | null;
}

/** A change: a value sets it, null goes back to the default, absent leaves it alone. */
export type SettingsChange = {
  readonly [K in 'demoChannels' | 'hostScenario' | 'defaultLang' | 'quiz' | 'leaderboard']?: ServerSettings[K] | null;
};

interface Row {
  demo_channels: string | null;
  host_scenario: number | null;
  default_lang: string | null;
  quiz_enabled: number | null;
  leaderboard_enabled: number | null;
  updated_by: string;
  updated_at: number;
}

const flag = (value: number | null, fallback: boolean) => (value === null ? fallback : value === 1);
const toInt = (value: boolean | null | undefined) => (value === null || value === undefined ? null : value ? 1 : 0);

export class SettingsRepo {
  private readonly select;
  private readonly upsert;

  constructor(
    db: Database,
    private readonly defaults: SettingsDefaults,
    private readonly now: () => number,
  ) {
    this.select = db.prepare<[string], Row>('SELECT * FROM server_settings WHERE scope = ?');
    this.upsert = db.prepare(`
      INSERT INTO server_settings (scope, demo_channels, host_scenario, default_lang, quiz_enabled, leaderboard_enabled, updated_by, updated_at)
      VALUES (@scope, @demo_channels, @host_scenario, @default_lang, @quiz_enabled, @leaderboard_enabled, @updated_by, @updated_at)
      ON CONFLICT (scope) DO UPDATE SET demo_channels = excluded.demo_channels, host_scenario = excluded.host_scenario,
        default_lang = excluded.default_lang, quiz_enabled = excluded.quiz_enabled, leaderboard_enabled = excluded.leaderboard_enabled,
        updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  }

  /** The settings in force for a scope (a server id; `dm` and `local` always use the defaults). */
  for(scope: string): ServerSettings {
    const row = this.select.get(scope);
    return {
      demoChannels: row?.demo_channels ? (JSON.parse(row.demo_channels) as string[]) : null,
      hostScenario: flag(row?.host_scenario ?? null, true),
      defaultLang: row?.default_lang === 'zh' || row?.default_lang === 'en' ? row.default_lang : this.defaults.defaultLang,
      quiz: flag(row?.quiz_enabled ?? null, this.defaults.quiz),
      leaderboard: flag(row?.leaderboard_enabled ?? null, this.defaults.leaderboard),
      updatedBy: row?.updated_by ?? null,
      updatedAt: row?.updated_at ?? null,
    };
  }

  update(scope: string, change: SettingsChange, by: string): ServerSettings {
    const row = this.select.get(scope);
    const pick = <T>(key: keyof SettingsChange, encoded: T, stored: T | null | undefined): T | null =>
      key in change ? encoded : (stored ?? null);
    this.upsert.run({
      scope,
      demo_channels: pick('demoChannels', change.demoChannels?.length ? JSON.stringify([...new Set(change.demoChannels)]) : null, row?.demo_channels),
      host_scenario: pick('hostScenario', toInt(change.hostScenario), row?.host_scenario),
      default_lang: pick('defaultLang', change.defaultLang ?? null, row?.default_lang),
      quiz_enabled: pick('quiz', toInt(change.quiz), row?.quiz_enabled),
      leaderboard_enabled: pick('leaderboard', toInt(change.leaderboard), row?.leaderboard_enabled),
      updated_by: by,
      updated_at: this.now(),
    });
    return this.for(scope);
  }
}
