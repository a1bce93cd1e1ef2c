/**
 * The Docker Engine releases the doctor knows, oldest first: 20.10 and every minor release from
 * 23.0 to 29.7 (21 and 22 were never released). Facts that change between releases are tied to
 * ranges of this list. Source of the list: the release tags of github.com/moby/moby
 * (v20.10.x … v28.5.x, docker-v29.x).
 */
import type { Bilingual } from '../errors.ts';

export const RELEASES = [
  '20.10',
  '23.0',
  '24.0',
  '25.0',
  '26.0',
  '26.1',
  '27.0',
  '27.1',
  '27.2',
  '27.3',
  '27.4',
  '27.5',
  '28.0',
  '28.1',
  '28.2',
  '28.3',
  '28.4',
  '28.5',
  '29.0',
  '29.1',
  '29.2',
  '29.3',
  '29.4',
  '29.5',
  '29.6',
  '29.7',
] as const;

export type Release = (typeof RELEASES)[number];

/** The only release installable where the doctor is tested: its verdicts are proven on a real dockerd. */
export const PROVEN_RELEASE: Release = '20.10';

export const OLDEST: Release = RELEASES[0];
export const NEWEST: Release = RELEASES[RELEASES.length - 1] as Release;

/** Releases from `from` to `to`, both included. */
export interface ReleaseRange {
  readonly from: Release;
  readonly to: Release;
}

export const ALL_RELEASES: ReleaseRange = { from: OLDEST, to: NEWEST };

const index = (r: Release): number => RELEASES.indexOf(r);

export function range(from: Release = OLDEST, to: Release = NEWEST): ReleaseRange {
  return { from, to };
}

/** The range up to the release before `release` (undefined when `release` is the oldest). */
export function before(release: Release): ReleaseRange | undefined {
  const i = index(release);
  return i <= 0 ? undefined : { from: OLDEST, to: RELEASES[i - 1] as Release };
}

export function isBefore(a: Release, b: Release): boolean {
  return index(a) < index(b);
}

export function inRange(release: Release, r: ReleaseRange | undefined): boolean {
  return r !== undefined && index(release) >= index(r.from) && index(release) <= index(r.to);
}

export function releasesIn(r: ReleaseRange): Release[] {
  return RELEASES.slice(index(r.from), index(r.to) + 1);
}

/**
 * Maps what a member types (`20.10.24+dfsg1`, `28.5.2`, `29`) to the releases it stands for; a
 * bare major version stands for all its minor releases. Undefined when the doctor has no data.
 */
export function resolveEngine(text: string): ReleaseRange | undefined {
  const match = /^\s*v?(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  const major = match[1];
  const minor = match[2];
  const candidates = RELEASES.filter((r) => r.split('.')[0] === major && (minor === undefined || r.split('.')[1] === minor));
  const first = candidates[0];
  const last = candidates[candidates.length - 1];
  return first && last ? { from: first, to: last } : undefined;
}

/** "Engine 20.10 to 27.5", "Engine 28.0 and later", "every Engine from 20.10 to 29.7". */
export function describeRange(r: ReleaseRange): Bilingual {
  if (r.from === OLDEST && r.to === NEWEST) {
    return { en: `every Engine from ${OLDEST} to ${NEWEST}`, zh: `Engine ${OLDEST} 至 ${NEWEST} 的所有版本` };
  }
  if (r.from === r.to) return { en: `Engine ${r.from}`, zh: `Engine ${r.from}` };
  if (r.to === NEWEST) return { en: `Engine ${r.from} and later`, zh: `Engine ${r.from} 及以后的版本` };
  return { en: `Engine ${r.from} to ${r.to}`, zh: `Engine ${r.from} 至 ${r.to}` };
}

/** The English verb for a range as subject: "Engine 20.10 does", "Engine 20.10 to 23.0 do". */
export function verbFor(r: ReleaseRange, plural: string, singular: string): string {
  return r.from === r.to ? singular : plural;
}
