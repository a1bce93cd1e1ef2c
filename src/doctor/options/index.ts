/** The options table, looked up by key and release. */
import { inRange, NEWEST, OLDEST, type Release, type ReleaseRange } from '../releases.ts';
import { CONTAINER_OPTIONS } from './containers.ts';
import { DAEMON_OPTIONS } from './daemon.ts';
import { IGNORED_NAMES } from './ignored-names.ts';
import { NETWORK_OPTIONS } from './network.ts';
import type { IgnoredName, OptionSpec } from './option.ts';
import { REGISTRY_OPTIONS } from './registry.ts';

export type { IgnoredName, OptionSpec, ValueType } from './option.ts';

export const OPTIONS: readonly OptionSpec[] = [...NETWORK_OPTIONS, ...REGISTRY_OPTIONS, ...DAEMON_OPTIONS, ...CONTAINER_OPTIONS];

const BY_KEY = new Map(OPTIONS.map((o) => [o.key, o]));
const IGNORED_BY_KEY = new Map(IGNORED_NAMES.map((n) => [n.key, n]));

export const optionFor = (key: string): OptionSpec | undefined => BY_KEY.get(key);
export const ignoredNameFor = (key: string): IgnoredName | undefined => IGNORED_BY_KEY.get(key);

/** The releases that accept a key at all (an option or an ignored flag name). */
export function acceptedRange(key: string): ReleaseRange | undefined {
  const entry = BY_KEY.get(key) ?? IGNORED_BY_KEY.get(key);
  return entry ? { from: entry.since ?? OLDEST, to: entry.until ?? NEWEST } : undefined;
}

export function isAccepted(key: string, release: Release): boolean {
  return inRange(release, acceptedRange(key));
}

/** Whether dockerd keeps this key's object value whole instead of reading its keys as options. */
export function isFlat(key: string, release: Release): boolean {
  const spec = BY_KEY.get(key);
  return spec?.flat === true && inRange(release, acceptedRange(key));
}

/** Whether the key is accepted and read (not merely tolerated) in `release`. */
export function isRead(key: string, release: Release): boolean {
  const spec = BY_KEY.get(key);
  if (!spec || !isAccepted(key, release)) return false;
  return !spec.ignoredFrom || !inRange(release, { from: spec.ignoredFrom, to: NEWEST });
}

/** Every name the doctor knows, for "did you mean" suggestions. */
export const KNOWN_KEYS: readonly string[] = OPTIONS.map((o) => o.key);
