/**
 * Does a command's real output show what the topic shows (README "Shell commands")? Runs of
 * digits and of hex digits are placeholders (`inet 172.17.0.2/16` matches `inet 172.17.0.5/16`,
 * a container id matches another), whitespace runs are one space, a full stop at the end of a
 * line is optional (the 20.10 client that Debian ships ends the daemon's errors with one, the 28.x
 * client does not: a topic quoting either passes with both), and the shown lines must
 * appear in the real output in order: consecutive shown lines on consecutive real lines, a
 * `...` line skipping any number of lines. The real output may begin and end with other lines.
 */

/** One line as compared: placeholders for digit and hex runs, whitespace folded. */
export function comparable(line: string): string {
  return line
    .replace(/[0-9a-fA-F]*[0-9][0-9a-fA-F]*/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

export interface Comparison {
  readonly ok: boolean;
  /** The first shown line that could not be matched (1-based in the shown output), and why. */
  readonly message?: string;
}

const SKIP = /^\s*(\.\.\.|…)\s*$/;

/** Where `segment` matches `actual` contiguously, from `from` on; -1 when it does not. */
function find(segment: readonly string[], actual: readonly string[], from: number): number {
  for (let start = from; start + segment.length <= actual.length; start++) {
    if (segment.every((line, k) => line === actual[start + k])) return start;
  }
  return -1;
}

export function compareOutput(shown: readonly string[], actualText: string): Comparison {
  const actual = actualText.split('\n').map(comparable);
  const segments: { lines: string[]; first: number }[] = [];
  let current: { lines: string[]; first: number } | undefined;
  shown.forEach((line, i) => {
    if (SKIP.test(line)) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { lines: [], first: i + 1 };
      segments.push(current);
    }
    current.lines.push(comparable(line));
  });
  let from = 0;
  for (const segment of segments) {
    const at = find(segment.lines, actual, from);
    if (at < 0) {
      // Name the first line of the segment that is missing, for a readable report.
      const partial = segment.lines.findIndex((_, k) => find(segment.lines.slice(0, k + 1), actual, from) < 0);
      const missing = shown[segment.first - 1 + Math.max(0, partial)] ?? '';
      return { ok: false, message: `shown line ${segment.first + Math.max(0, partial)} “${missing.trim()}” is not in the output${segments.length > 1 || segment.lines.length > 1 ? ' (at that place)' : ''}` };
    }
    from = at + segment.lines.length;
  }
  return { ok: true };
}
