/**
 * What one check found, before it is weighed for the member's Engine. A finding says which
 * releases refuse to start because of it (`refusedBy`); for the others it is a warning or a note.
 * The severity for a target (all releases, or the member's own) is decided in severity.ts.
 */
import type { Bilingual } from '../errors.ts';
import { describeRange, NEWEST, OLDEST, type ReleaseRange } from './releases.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * The order in which dockerd 20.10 checks things (cmd/dockerd/daemon.go start(), daemon.NewDaemon,
 * initBridgeDriver): it stops at the first failure, so the doctor lists refusals in this order and
 * the first one is what dockerd prints.
 */
export const STAGE = {
  read: 10,
  syntax: 20,
  keys: 30,
  types: 40,
  validate: 50,
  labels: 55,
  logLevel: 60,
  registry: 70,
  settings: 80,
  addressPools: 90,
  bridge: 95,
  advice: 100,
} as const;

export type Stage = (typeof STAGE)[keyof typeof STAGE];

export interface Finding {
  /** The daemon.json key it is about, or `(json)` for the file's syntax. */
  readonly key: string;
  readonly stage: Stage;
  /** Tie-break within a stage, lower first (default: by position). */
  readonly order?: number;
  /** Character offset in the text, for line and column. */
  readonly at?: number;
  readonly text: Bilingual;
  /** Releases whose dockerd refuses to start because of this. */
  readonly refusedBy?: ReleaseRange;
  /** Releases this concerns when dockerd starts anyway (default: every release). */
  readonly appliesIn?: ReleaseRange;
  /** Severity where dockerd starts: a warning (default) or a note. */
  readonly level?: 'warning' | 'info';
  /** dockerd 20.10's own words when it refuses (the test compares them with the real daemon's). */
  readonly dockerd?: string;
}

export const SYNTAX_KEY = '(json)';

/** Joins sentences of two bilingual texts (en with a space, zh without). */
export function join(...parts: (Bilingual | undefined)[]): Bilingual {
  const present = parts.filter((p): p is Bilingual => p !== undefined);
  return {
    en: present.map((p) => p.en).join(' '),
    zh: present.map((p) => p.zh).join(''),
  };
}

/** "dockerd refuses to start: `…`" with dockerd's words, naming the releases when not all. */
export function refusal(words: string, releases?: ReleaseRange): Bilingual {
  if (!releases || (releases.from === OLDEST && releases.to === NEWEST)) {
    return { en: `dockerd refuses to start: \`${words}\``, zh: `dockerd 拒绝启动：\`${words}\`` };
  }
  const who = describeRange(releases);
  const plural = releases.from !== releases.to;
  return { en: `${who.en} refuse${plural ? '' : 's'} to start: \`${words}\``, zh: zhConcat(who.zh, `拒绝启动：\`${words}\``) };
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const LATIN = /[A-Za-z0-9`]/;

/** Joins Chinese text, with a space only between a Chinese character and a Latin letter or digit. */
export function zhConcat(left: string, right: string): string {
  const a = left.slice(-1);
  const b = right.slice(0, 1);
  const space = (CJK.test(a) && LATIN.test(b)) || (LATIN.test(a) && CJK.test(b));
  return `${left}${space ? ' ' : ''}${right}`;
}
