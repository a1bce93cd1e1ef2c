/** Sets of releases (where a check holds) turned back into the ranges findings carry. */
import { RELEASES, type Release, type ReleaseRange } from './releases.ts';

/** The contiguous runs of releases for which `holds` is true, oldest first. */
export function runsWhere(holds: (release: Release) => boolean): ReleaseRange[] {
  const runs: ReleaseRange[] = [];
  let start: Release | undefined;
  let last: Release | undefined;
  for (const release of RELEASES) {
    if (holds(release)) {
      start ??= release;
      last = release;
    } else if (start && last) {
      runs.push({ from: start, to: last });
      start = undefined;
    }
  }
  if (start && last) runs.push({ from: start, to: last });
  return runs;
}
